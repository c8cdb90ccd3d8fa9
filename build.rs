// The default theme is compiled into the binary with include_dir!, which cargo cannot
// see through: rebuild whenever a theme file changes.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
