//! What the attacks on the public views share: a Cabinet that took a key decision in
//! private, the exempt sentence it must keep, and July's agenda with an exempt item.

use super::site::Site;

pub const PANEL: &str = "content/committees/panel";
pub const CABINET: &str = "content/committees/cabinet";

/// A sentence of the exempt report, long enough (17 words) for the gate to look for.
pub fn secret(canary: &str) -> String {
    format!(
        "The council will pay {canary} to Zorblax Holdings for the freehold of Holly Garth next spring."
    )
}

/// A site with an executive Cabinet (and the forward plan kept from 2021) that met on 24
/// September 2021, agenda out on 16 September, and took a key decision in private: the
/// exempt report `purchase.md` holds `secret(canary)`.
pub fn cabinet_site(label: &str, canary: &str) -> Site {
    let site = Site::new(label);
    site.write(
        "site.toml",
        "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n\n[forward_plan]\nfrom = 2021-01-01\n",
    );
    site.write(
        &format!("{CABINET}/committee.yaml"),
        "name: Cabinet\nexecutive: true\nmembers:\n  - { member: a-chair, role: Leader }\n  - { member: b-vice }\n",
    );
    site.write(
        &format!("{CABINET}/2021-09-24/meeting.yaml"),
        r#"date: 2021-09-24
time: "10:00"
venue: Council Chamber
status: held
agenda_published: 2021-09-16
private_notice:
  first: 2021-08-20
  final: 2021-09-16
  reasons: The price of a property is discussed.
  representations: None received.
  response: None needed.
items:
  - title: Apologies for absence
  - title: Exclusion of the public
    body: The public may be excluded for the next item.
  - title: Purchase of a property
    exempt: [3]
    key_decision: KD/02/21
    documents: [purchase.md]
"#,
    );
    site.write(
        &format!("{CABINET}/2021-09-24/purchase.md"),
        &format!(
            "---\ntitle: Purchase of a property\nkind: report\n---\n\n{}\n",
            secret(canary)
        ),
    );
    site
}

/// The forward plan entry of the private purchase, first published on 1 August 2021,
/// with `extra` added.
pub fn purchase_entry(site: &Site, extra: &str) {
    site.write(
        "content/forward-plan/kd-02-21.yaml",
        &format!(
            "ref: KD/02/21\nmatter: \"Purchase of a property for a children's home\"\ndecision_maker: cabinet\nexpected: 2021-09-24\nfirst_published: 2021-08-01\n{extra}"
        ),
    );
}

/// July's agenda: item 3 is exempt, with the public title "An individual placement".
pub const JULY_ITEMS: &str = "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Placement of Child X\n    public_title: An individual placement\n    exempt: [1]\n";

/// Lists `passage` under `allow` in the site's `[leak_gate]`, as an officer does when
/// the gate stops words that are not secret after all.
pub fn allow(site: &Site, passage: &str) {
    let toml = site.path().join("site.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str(&format!("\n[leak_gate]\nallow = [\"{passage}\"]\n"));
    std::fs::write(&toml, text).unwrap();
}
