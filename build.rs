//! Embeds the bundled bank (`questions/*.toml`) and notes (`assets/*.md`) into the binary, so an
//! installed `proctor` works from any folder.
use std::{env, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let mut entries = Vec::new();
    for (dir, ext) in [("questions", "toml"), ("assets", "md")] {
        println!("cargo:rerun-if-changed={dir}");
        let Ok(read) = fs::read_dir(Path::new(&root).join(dir)) else {
            continue;
        };
        let mut names: Vec<String> = read
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(&format!(".{ext}")))
            .collect();
        names.sort();
        for name in names {
            let full = Path::new(&root).join(dir).join(&name);
            println!("cargo:rerun-if-changed={}", full.display());
            entries.push(format!(
                "    ({:?}, include_str!({:?})),\n",
                format!("{dir}/{name}"),
                full.display().to_string()
            ));
        }
    }
    let code = format!(
        "/// Bundled files as (path relative to the repository, contents).\npub static BUNDLED: &[(&str, &str)] = &[\n{}];\n",
        entries.concat()
    );
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("bundled.rs");
    fs::write(out, code).unwrap();
}
