//! config.toml: precedence (flag, then environment, then file, then default), located errors, and
//! what the settings change.

use std::path::Path;
use std::process::{Command, Output};

const K8S: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/k8s/bank");

/// `proctor ARGS` with HOME and XDG folders in `home`, so no real config is read.
fn proctor(home: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_proctor"));
    cmd.args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("PROCTOR_BANK")
        .env_remove("PROCTOR_DATA_DIR")
        .env_remove("PROCTOR_CONFIG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn settings_come_from_flag_then_environment_then_file_then_default() {
    let home = tempfile::tempdir().unwrap();
    let (out, _) = text(&proctor(home.path(), &[], &["config"]));
    assert!(out.contains("config file        none"), "{out}");
    assert!(
        out.contains("bank               the bundled bank  (default)"),
        "{out}"
    );
    assert!(out.contains("review.daily_limit 50  (default)"), "{out}");

    // The config in the platform folder is read without being named.
    let dir = home.path().join("config/proctor");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("config.toml");
    std::fs::write(
        &file,
        format!("bank = \"{K8S}\"\ntheme = \"monochrome\"\n\n[review]\ndaily_limit = 20\n"),
    )
    .unwrap();
    let (out, _) = text(&proctor(home.path(), &[], &["config"]));
    assert!(
        out.contains(&format!("bank               {K8S}  ({})", file.display())),
        "{out}"
    );
    assert!(out.contains("theme              monochrome"), "{out}");
    assert!(out.contains("review.daily_limit 20"), "{out}");
    let (summary, _) = text(&proctor(home.path(), &[], &["check"]));
    assert!(
        summary.starts_with("Kubernetes Practice (K8S-101)"),
        "the file's bank is used: {summary}"
    );

    let other = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/golang/bank");
    let (out, _) = text(&proctor(home.path(), &[("PROCTOR_BANK", other)], &["config"]));
    assert!(
        out.contains(&format!("bank               {other}  (environment PROCTOR_BANK)")),
        "{out}"
    );
    let (out, _) = text(&proctor(
        home.path(),
        &[("PROCTOR_BANK", other)],
        &["--bank", K8S, "config"],
    ));
    assert!(
        out.contains(&format!("bank               {K8S}  (flag --bank)")),
        "{out}"
    );
}

#[test]
fn a_bad_config_is_refused_with_its_place() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("c.toml");
    let cases = [
        ("bnak = \"x\"\n", "1:1: error: unknown field `bnak`"),
        (
            "[review]\ndaily_limit = \"many\"\n",
            "2:15: error: invalid type: string \"many\", expected i64",
        ),
        (
            "[review]\ndaily_limit = 0\n",
            "2:15: error: review.daily_limit must be from 1 to 10000, found 0",
        ),
        (
            "theme = \"neon\"\n",
            "1:9: error: theme must be \"auto\" or \"monochrome\", found \"neon\"",
        ),
        ("bank = \n", "1:8: error: "),
    ];
    for (content, expected) in cases {
        std::fs::write(&file, content).unwrap();
        let out = proctor(home.path(), &[], &["--config", file.to_str().unwrap(), "config"]);
        assert_eq!(out.status.code(), Some(2), "{content}");
        let (_, err) = text(&out);
        assert!(
            err.starts_with(&format!("{}:{expected}", file.display())),
            "{content}: {err}"
        );
    }
    let missing = home.path().join("nope.toml");
    let out = proctor(
        home.path(),
        &[("PROCTOR_CONFIG", missing.to_str().unwrap())],
        &["config"],
    );
    assert_eq!(out.status.code(), Some(2), "a named config must exist");
}
