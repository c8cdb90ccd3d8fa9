//! SHA-256 hashes of lists of fields, which key the caches and records a build keeps.
//!
//! Each field is hashed after its length, so that no two lists of fields run together
//! into the same bytes: `["ab", "c"]` and `["a", "bc"]` hash differently. Every key that
//! quire writes down is made this way, so changing [`Fields::field`] changes them all
//! (and every cache is then made afresh, which is safe).

use sha2::{Digest, Sha256};

/// A SHA-256 of length-prefixed fields.
#[derive(Default, Clone)]
pub struct Fields(Sha256);

impl Fields {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one field: its length as eight little-endian bytes, then its bytes.
    pub fn field(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds a count (of the fields that follow, say) as a field of its own.
    pub fn count(&mut self, n: usize) -> &mut Self {
        self.field(&(n as u64).to_le_bytes())
    }

    pub fn finish(self) -> [u8; 32] {
        self.0.finalize().into()
    }

    /// The hash as 64 lower-case hexadecimal digits.
    pub fn hex(self) -> String {
        hex(&self.finish())
    }
}

/// Bytes as lower-case hexadecimal digits, two for each byte.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The SHA-256 of some bytes, in hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_do_not_run_together() {
        let hash = |fields: &[&str]| {
            let mut h = Fields::new();
            fields.iter().for_each(|f| {
                h.field(f.as_bytes());
            });
            h.hex()
        };
        assert_ne!(hash(&["ab", "c"]), hash(&["a", "bc"]));
        assert_ne!(hash(&["ab"]), hash(&["ab", ""]));
        assert_eq!(hash(&["ab", "c"]), hash(&["ab", "c"]));
    }

    #[test]
    fn a_field_is_its_length_then_its_bytes() {
        // The keys already written in caches depend on this exact layout.
        let mut h = Fields::new();
        h.field(b"abc");
        let mut by_hand = Sha256::new();
        by_hand.update(3u64.to_le_bytes());
        by_hand.update(b"abc");
        assert_eq!(h.finish(), <[u8; 32]>::from(by_hand.finalize()));
    }

    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        assert_eq!(hex(&[0, 15, 16, 255]), "000f10ff");
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
