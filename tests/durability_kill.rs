//! Killed mid-save: a child process saves the ledger over and over with the
//! real `store::save` (`zhibu save-loop`, a hidden subcommand) and is
//! killed with SIGKILL at a random moment, again and again. After every
//! kill the file must load with a good checksum and be one of the versions
//! the child announced, every backup must load, and after the lock and
//! `clean_temp_files` no temp file may remain.
//!
//! 1,000 kills by default; `ZHIBU_KILL_ITERATIONS=20000` for more,
//! `ZHIBU_KILL_SEED=…` to repeat a run. Figures are printed with
//! `cargo test --test durability_kill -- --nocapture`.
// Test helpers: a failed unwrap is a failed test, with its place.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime};

/// The two tests here run one after the other. Each spawns a child again
/// and again, and a child forked by one test holds every open file of the
/// test process until it execs, the other test's ledger lock included
/// (flock belongs to the open file, and O_CLOEXEC acts only at exec). On
/// a loaded machine that window was long enough for the other test's
/// next child to find its ledger locked "by another window" and stop.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A tiny deterministic random generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// What one child printed: the versions it announced before saving them
/// (counter → checksum), and the last counter it finished saving.
#[derive(Default)]
struct Printed {
    announced: BTreeMap<u64, String>,
    last_saved: Option<u64>,
}

fn parse(stdout: &str) -> Printed {
    let mut printed = Printed::default();
    for line in stdout.lines() {
        let words: Vec<&str> = line.split(' ').collect();
        match words.as_slice() {
            ["will", counter, checksum] => {
                printed
                    .announced
                    .insert(counter.parse().unwrap(), (*checksum).to_owned());
            }
            ["saved", counter] => printed.last_saved = Some(counter.parse().unwrap()),
            // A line cut short by the kill.
            _ => {}
        }
    }
    printed
}

/// Our temp files beside the ledger and in `backups/`.
fn temp_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let beside = std::fs::read_dir(dir).unwrap();
    let backups = std::fs::read_dir(dir.join("backups")).into_iter().flatten();
    beside
        .chain(backups)
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            (name.starts_with(".支部台账.ron.") || name.starts_with(".支部台账-")) && name.ends_with(".tmp")
        })
        .collect()
}

#[test]
fn a_save_killed_at_any_moment_leaves_a_whole_ledger() {
    let _serial = one_at_a_time();
    let iterations: u32 = std::env::var("ZHIBU_KILL_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let seed: u64 = std::env::var("ZHIBU_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("seed {seed} (ZHIBU_KILL_SEED to repeat), {iterations} kills");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("支部台账.ron");
    let started = Instant::now();
    // What is known to be on disk: (counter, checksum) of the last version.
    let mut on_disk: Option<(u64, String)> = None;
    let (mut saves, mut mid_save, mut temps_left, mut in_flight_found) = (0u64, 0u32, 0u32, 0u32);
    // How many saves the newest backup may lag behind the file (see below).
    let mut backups_behind = 0u64;
    for i in 0..iterations {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
            .arg("save-loop")
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start zhibu save-loop");
        // The child needs a few milliseconds to start; kill anywhere from
        // before its first save to several saves later.
        std::thread::sleep(Duration::from_micros(rng.next() % 25_000));
        child.kill().expect("kill");
        let status = child.wait().unwrap();
        let mut stdout = String::new();
        child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        assert!(
            status.code().is_none(),
            "kill {i}: the child stopped by itself: {stderr}"
        );
        let printed = parse(&stdout);
        saves += printed
            .last_saved
            .map_or(0, |last| last - on_disk.as_ref().map_or(0, |d| d.0));

        // The file is one of the versions that may be there: the last one
        // finished, or the one in flight (its rename done, not yet printed).
        let last_done = printed
            .last_saved
            .map(|c| (c, printed.announced[&c].clone()))
            .or_else(|| on_disk.clone());
        let next = last_done.as_ref().map_or(1, |d| d.0 + 1);
        let in_flight = printed.announced.get(&next).map(|sum| (next, sum.clone()));
        if in_flight.is_some() {
            mid_save += 1;
        }
        // A finished save has its backup; each kill that lands between a
        // save's rename and its backup copy leaves the backups one more
        // save behind the file, until a save finishes again.
        if printed.last_saved.is_some() {
            backups_behind = 0;
        }
        match zhibu::store::load(&path) {
            Ok(loaded) => {
                let found = (loaded.header.counter, loaded.header.checksum.clone());
                if Some(&found) == in_flight.as_ref() {
                    in_flight_found += 1;
                    backups_behind += 1;
                } else {
                    assert_eq!(Some(&found), last_done.as_ref(), "kill {i}: an unknown version on disk");
                }
                on_disk = Some(found);
            }
            Err(zhibu::store::LoadError::NotFound { .. }) => {
                assert!(last_done.is_none(), "kill {i}: the saved ledger is gone");
            }
            Err(e) => panic!("kill {i} (seed {seed}): {e}"),
        }
        for backup in zhibu::store::list_backups(&path) {
            if let Err(e) = backup.verify() {
                panic!("kill {i} (seed {seed}): backup does not load: {e}");
            }
        }

        // Temp files of the killed save: cleaned at the next start. They
        // are too young for `clean_temp_files` (it spares files of a save
        // still running), so age them first, as the time until the next
        // start would.
        let temps = temp_files(dir.path());
        temps_left += temps.len() as u32;
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        for temp in &temps {
            std::fs::File::options()
                .write(true)
                .open(temp)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        let lock = zhibu::store::lock(&path).expect("the lock is free after the kill");
        let removed = zhibu::store::clean_temp_files(&lock).unwrap();
        assert_eq!(removed, temps.len());
        assert!(temp_files(dir.path()).is_empty(), "kill {i}: temp files remain");
    }
    let newest = zhibu::store::newest_good_backup(&path);
    if let Some((counter, _)) = &on_disk {
        let newest = newest.expect("a good backup");
        assert!(
            newest.counter().is_some_and(|c| c + backups_behind.max(1) >= *counter),
            "the newest good backup is older than the kills explain"
        );
    }
    let took = started.elapsed();
    println!(
        "{iterations} kills in {:.1} s: {saves} saves finished, {mid_save} kills during a save, \
         {in_flight_found} found the save in flight on disk, {temps_left} temp files cleaned",
        took.as_secs_f64()
    );
    assert!(saves > 0, "the child never saved");
}

/// Killed while keeping typed input: a child writes the drafts file over
/// and over (`zhibu drafts-loop`, the same `store::write_drafts` as the
/// window) and is killed at a random moment. After every kill the drafts
/// must read back whole (checksum good), be one the child announced, and
/// not be older than the last one it finished; no temp file may remain
/// once the next child has the lock.
#[test]
fn typed_input_kept_at_any_moment_of_a_kill_reads_back_whole() {
    let _serial = one_at_a_time();
    let iterations: u32 = std::env::var("ZHIBU_KILL_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(300, |n: u32| n / 3);
    let mut rng = Rng(0x5eed_d4af | 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("支部台账.ron");
    let mut read_back = 0;
    for i in 0..iterations {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
            .arg("drafts-loop")
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start zhibu drafts-loop");
        std::thread::sleep(Duration::from_micros(rng.next() % 20_000));
        child.kill().expect("kill");
        let status = child.wait().unwrap();
        let mut stdout = String::new();
        child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
        assert!(status.code().is_none(), "kill {i}: the child stopped by itself");
        let announced: Vec<u64> = stdout
            .lines()
            .filter_map(|l| l.strip_prefix("will ")?.parse().ok())
            .collect();
        let wrote: Option<u64> = stdout
            .lines()
            .filter_map(|l| l.strip_prefix("wrote ")?.parse().ok())
            .next_back();
        match zhibu::store::read_drafts(&path) {
            Ok(None) => assert!(wrote.is_none(), "kill {i}: drafts gone after write {wrote:?}"),
            Ok(Some(drafts)) => {
                read_back += 1;
                let n = drafts.header.ledger_counter.unwrap();
                assert!(drafts.body.starts_with(&format!("(text:\"第{n}版")), "kill {i}");
                if let Some(wrote) = wrote {
                    assert!(n >= wrote, "kill {i}: write {wrote} finished, file holds {n}");
                    assert!(announced.contains(&n), "kill {i}: {n} never announced");
                }
            }
            Err(e) => panic!("kill {i}: the drafts do not read back: {e}"),
        }
    }
    // The next holder of the lock cleans what a killed write left.
    std::thread::sleep(Duration::from_secs(6));
    let lock = zhibu::store::lock(&path).unwrap();
    zhibu::store::clean_temp_files(&lock).unwrap();
    let temps: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
    println!("{iterations} kills while keeping drafts, {read_back} drafts files read back whole");
}
