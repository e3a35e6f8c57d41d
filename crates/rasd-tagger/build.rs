//! Embeds the committed model (`models/ner.bin` at the workspace root) when it exists, so
//! `Tagger::embedded()` works without a path; without the file the crate still builds and
//! `embedded()` returns `None`.
use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(rasd_tagger_embedded)");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let model = manifest.join("../../models/ner.bin");
    println!("cargo::rerun-if-changed={}", model.display());
    if model.is_file() {
        let model = model.canonicalize().unwrap_or(model);
        println!("cargo::rustc-cfg=rasd_tagger_embedded");
        println!("cargo::rustc-env=RASD_TAGGER_MODEL={}", model.display());
    }
}
