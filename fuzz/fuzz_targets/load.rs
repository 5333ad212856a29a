//! Feeds arbitrary bytes to the ledger loader, both with the checksum
//! checked (what opening a file does) and without it (what "open anyway"
//! does, and what reaches the RON parser and the upgrades): never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = zhibu::store::parse_bytes(bytes, true);
    let _ = zhibu::store::parse_bytes(bytes, false);
});
