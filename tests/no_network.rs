//! No network: the program is offline by promise, so no source file may
//! reach for sockets. (`tests/smoke.sh` also runs the real window under
//! `strace -e trace=network` and fails on any internet socket.)

use std::path::Path;

mod common;

#[test]
fn no_source_file_uses_the_network() {
    let files = common::source_files();
    assert!(files.len() > 10, "found only {files:?}");
    let forbidden = [
        "std::net",
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "reqwest",
        "ureq",
        "hyper::",
    ];
    let mut hits = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for word in forbidden {
                if line.contains(word) {
                    hits.push(format!("{}:{}: {line}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(hits.is_empty(), "network code in the sources:\n{}", hits.join("\n"));
}

#[test]
fn no_dependency_is_a_network_client() {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock")).unwrap();
    for name in ["reqwest", "ureq", "hyper", "isahc", "curl", "attohttpc"] {
        assert!(
            !lock.contains(&format!("name = \"{name}\"\n")),
            "Cargo.lock pulls in the network client {name}"
        );
    }
}
