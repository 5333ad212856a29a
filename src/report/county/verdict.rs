//! Which of the files read for the county roll-up are used: the verdict
//! on each file, by branch. A roll-up file counts only when signed by the
//! key trusted for its office, a branch's figures (from its own export or
//! from a row of a roll-up file) only when signed by the key trusted for
//! the branch ([`Trusted`]); of those the newest is used and the others
//! are set aside, each with the file used and why; every other file is
//! 可能被改动, with why and what to do.

use std::collections::HashMap;
use std::path::PathBuf;

use super::read::{Entry, Loaded};
use super::rollup_file::OFFICE_MARK;
use super::{BranchRow, FileKind, FileReport, FileStatus, KnownBranch, RollUp, RowSource, Trust, behind};
use crate::report::signature::{PublicKey, Seal};

/// The order in which files are preferred: the one exported later; in the
/// same second, the one saved more times; then the one counted up to the
/// later day; then the later path by name (so that the choice never
/// depends on the order the files were given in).
type Rank<'a> = (jiff::civil::DateTime, Option<u64>, crate::model::Date, &'a PathBuf);

/// One signed (or not) candidate, for [`trusted_key`].
struct Sealed<'a> {
    rank: Rank<'a>,
    seal: &'a Seal,
}

/// Whose key is trusted: a branch's, or an office's for its roll-up files.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Whose {
    Branch,
    Office,
}

/// Adds up files already read, trusting what `trust` says.
pub fn roll_up_loaded(read: Vec<(PathBuf, Result<Loaded, String>)>, trust: &Trust) -> RollUp {
    let mut rollup = RollUp::default();
    let now = crate::store::format::now();
    let office_doubts = judge_offices(&read, trust, &mut rollup, now);

    // Every branch's figures that may count: the exports, and the rows of
    // the roll-up files whose office is trusted.
    let mut files = Vec::with_capacity(read.len());
    let mut entries: Vec<(usize, Entry)> = Vec::with_capacity(read.len());
    for (i, (path, result)) in read.into_iter().enumerate() {
        let kind = match result {
            Ok(Loaded::Export(entry)) => {
                let head = (Some(entry.branch.clone()), Some(entry.generated_at));
                entries.push((i, *entry));
                (FileKind::Export, head)
            }
            Ok(Loaded::RollUp {
                header, entries: rows, ..
            }) => {
                let kind = FileKind::RollUp {
                    office: header.office.clone(),
                    branches: rows.len(),
                };
                if office_doubts[i].is_none() {
                    entries.extend(rows.into_iter().map(|e| (i, e)));
                }
                (kind, (Some(header.office), Some(header.generated_at)))
            }
            Err(why) => {
                files.push(FileReport {
                    path,
                    branch: None,
                    exported_at: None,
                    status: FileStatus::Rejected(why),
                    set_aside: 0,
                    kind: FileKind::Export,
                    notes: Vec::new(),
                });
                continue;
            }
        };
        let (kind, (branch, exported_at)) = kind;
        files.push(FileReport {
            path,
            branch,
            exported_at,
            // Filled in below.
            status: FileStatus::Used,
            set_aside: 0,
            kind,
            notes: Vec::new(),
        });
    }
    let paths: Vec<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    let verdicts = judge_branches(&entries, &paths, trust, &mut rollup, now);

    let used_rows = settle_files(&mut files, verdicts, &entries, &office_doubts);
    rollup.files = files;

    // The rows, with where each came from.
    let mut taken: Vec<Option<(usize, Entry)>> = entries.into_iter().map(Some).collect();
    let mut rows: Vec<(BranchRow, RowSource)> = Vec::with_capacity(used_rows.len());
    for n in used_rows {
        let Some((file, entry)) = taken[n].take() else { continue };
        // Used means signed by the trusted key.
        let Seal::Signed(key) = entry.seal else { continue };
        rows.push((
            BranchRow {
                behind: behind(&entry.figures),
                branch: entry.branch,
                superior: entry.superior,
                path: paths[file].clone(),
                generated_at: entry.generated_at,
                figures: entry.figures,
            },
            RowSource {
                source: entry.source,
                via: entry.via,
                campaign: entry.campaign,
                batch: entry.batch,
                save_counter: entry.save_counter,
                public_key: key,
                records: entry.records.map(std::sync::Arc::new),
            },
        ));
    }
    rows.sort_by(|a, b| (&a.0.superior, &a.0.branch).cmp(&(&b.0.superior, &b.0.branch)));
    (rollup.rows, rollup.sources) = rows.into_iter().unzip();
    rollup.unmatched_accept = trust
        .accept
        .iter()
        .filter(|name| {
            !rollup.new_keys.iter().any(|k| k.branch.trim() == name.trim())
                && !trust.known.iter().any(|k| k.branch.trim() == name.trim())
        })
        .cloned()
        .collect();
    rollup
}

/// Each file's verdict from its entries' (`verdicts`, in `entries`'
/// order); returns the entries used, in that order.
fn settle_files(
    files: &mut [FileReport],
    verdicts: Vec<Verdict>,
    entries: &[(usize, Entry)],
    office_doubts: &[Option<String>],
) -> Vec<usize> {
    let mut used_rows = Vec::new();
    let mut per_file: Vec<Vec<(usize, Verdict)>> = vec![Vec::new(); files.len()];
    for (n, verdict) in verdicts.into_iter().enumerate() {
        per_file[entries[n].0].push((n, verdict));
    }
    for (i, file) in files.iter_mut().enumerate() {
        if let Some(doubt) = &office_doubts[i] {
            file.status = FileStatus::Suspect(doubt.clone());
            continue;
        }
        if matches!(file.status, FileStatus::Rejected(_)) {
            continue;
        }
        let verdicts = std::mem::take(&mut per_file[i]);
        used_rows.extend(
            verdicts
                .iter()
                .filter(|(_, v)| v.status == FileStatus::Used)
                .map(|(n, _)| *n),
        );
        match &file.kind {
            FileKind::Export => match verdicts.into_iter().next() {
                Some((_, v)) => {
                    file.status = v.status;
                    file.set_aside = v.set_aside;
                    file.notes = v.note.into_iter().collect();
                }
                None => file.status = FileStatus::Rejected("检查此文件时程序出错".to_owned()),
            },
            FileKind::RollUp { .. } => {
                let used = verdicts.iter().filter(|(_, v)| v.status == FileStatus::Used).count();
                file.set_aside = verdicts.len() - used;
                file.status = if used > 0 || verdicts.is_empty() {
                    FileStatus::Used
                } else {
                    FileStatus::NoneUsed
                };
                file.notes = verdicts
                    .into_iter()
                    .filter(|(_, v)| v.status != FileStatus::Used)
                    .map(|(n, v)| {
                        let mut words = super::status_words(&v.status, 0, &FileKind::Export);
                        if let Some(note) = v.note {
                            words.push_str(&format!("（{note}）"));
                        }
                        format!("「{}」{words}", entries[n].1.branch)
                    })
                    .collect();
            }
        }
    }
    used_rows.sort_unstable();
    used_rows
}

/// What became of one branch's figures from one file.
#[derive(Clone)]
struct Verdict {
    status: FileStatus,
    set_aside: usize,
    /// Why this one and not the other, beyond the status.
    note: Option<String>,
}

/// The roll-up files whose office's key is not the trusted one: why, by
/// file (`None` for every other file). Remembers offices seen first.
fn judge_offices(
    read: &[(PathBuf, Result<Loaded, String>)],
    trust: &Trust,
    rollup: &mut RollUp,
    now: jiff::civil::DateTime,
) -> Vec<Option<String>> {
    let mut doubts = vec![None; read.len()];
    let mut offices: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (_, result)) in read.iter().enumerate() {
        if let Ok(Loaded::RollUp { header, .. }) = result {
            offices.entry(header.office.trim().to_owned()).or_default().push(i);
        }
    }
    let mut offices: Vec<_> = offices.into_iter().collect();
    offices.sort();
    for (office, members) in offices {
        let sealed: Vec<(usize, Sealed)> = members
            .iter()
            .filter_map(|&i| match &read[i].1 {
                Ok(Loaded::RollUp { header, seal, .. }) => Some((
                    i,
                    Sealed {
                        rank: (header.generated_at, None, header.generated_at.date(), &read[i].0),
                        seal,
                    },
                )),
                _ => None,
            })
            .collect();
        let candidates: Vec<&Sealed> = sealed.iter().map(|(_, s)| s).collect();
        let trusted = trusted_key(&candidates, (OFFICE_MARK, &office), trust);
        if let Some((key, newest)) = new_key(&trusted, &candidates) {
            rollup.new_keys.push(KnownBranch {
                superior: OFFICE_MARK.to_owned(),
                branch: office.clone(),
                public_key: key,
                since: now,
                file: newest.display().to_string(),
            });
        }
        for (i, s) in &sealed {
            if !trusted.trusts(s.seal) {
                doubts[*i] = Some(doubt(&office, s.seal, candidates.len(), &trusted, Whose::Office));
            }
        }
    }
    doubts
}

/// The verdict on every entry (in `entries`' order), by branch; the used
/// ones become rows. Remembers branches seen first.
fn judge_branches(
    entries: &[(usize, Entry)],
    paths: &[PathBuf],
    trust: &Trust,
    rollup: &mut RollUp,
    now: jiff::civil::DateTime,
) -> Vec<Verdict> {
    let mut groups: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (n, (_, entry)) in entries.iter().enumerate() {
        groups
            .entry((entry.superior.trim(), entry.branch.trim()))
            .or_default()
            .push(n);
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort();
    let placeholder = Verdict {
        status: FileStatus::Rejected("检查此文件时程序出错".to_owned()),
        set_aside: 0,
        note: None,
    };
    let mut verdicts = vec![placeholder; entries.len()];
    let rank = |n: usize| -> Rank {
        let (file, e) = &entries[n];
        (e.generated_at, e.save_counter, e.figures.date, &paths[*file])
    };
    for ((superior, branch), members) in groups {
        let sealed: Vec<Sealed> = members
            .iter()
            .map(|&n| Sealed {
                rank: rank(n),
                seal: &entries[n].1.seal,
            })
            .collect();
        let candidates: Vec<&Sealed> = sealed.iter().collect();
        let trusted = trusted_key(&candidates, (superior, branch), trust);
        if let Some((key, newest)) = new_key(&trusted, &candidates)
            && let Some(&n) = members
                .iter()
                .find(|&&n| rank(n).3 == newest && trusted.trusts(&entries[n].1.seal))
        {
            let e = &entries[n].1;
            rollup.new_keys.push(KnownBranch {
                superior: e.superior.clone(),
                branch: e.branch.clone(),
                public_key: key,
                since: now,
                file: newest.display().to_string(),
            });
        }
        let genuine: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&n| trusted.trusts(&entries[n].1.seal))
            .collect();
        let newest = genuine.iter().copied().max_by(|&a, &b| rank(a).cmp(&rank(b)));
        for &n in &members {
            let entry = &entries[n].1;
            verdicts[n] = match newest {
                _ if !genuine.contains(&n) => Verdict {
                    status: FileStatus::Suspect(doubt(
                        &entry.branch,
                        &entry.seal,
                        members.len(),
                        &trusted,
                        Whose::Branch,
                    )),
                    set_aside: 0,
                    note: None,
                },
                Some(used) if used == n => Verdict {
                    status: FileStatus::Used,
                    set_aside: genuine.len() - 1,
                    note: None,
                },
                Some(used) => {
                    let winner = &entries[used].1;
                    let tie = winner.generated_at == entry.generated_at;
                    Verdict {
                        status: FileStatus::Replaced {
                            by: paths[entries[used].0].clone(),
                            by_exported_at: winner.generated_at,
                            tie,
                        },
                        set_aside: 0,
                        note: why_replaced(winner, entry, tie),
                    }
                }
                // `genuine` holds `n`, so `newest` is one.
                None => Verdict {
                    status: FileStatus::Used,
                    set_aside: 0,
                    note: None,
                },
            };
        }
    }
    verdicts
}

/// Why `loser` gave way to `winner` beyond the export times, and where the
/// winner came from when it is a row of a roll-up file.
fn why_replaced(winner: &Entry, loser: &Entry, tie: bool) -> Option<String> {
    let counter = |c: Option<u64>| c.map_or_else(|| "未记".to_owned(), |c| format!("第 {c} 次"));
    let mut why = Vec::new();
    if tie {
        why.push(if winner.save_counter != loser.save_counter {
            format!(
                "导出时间相同，按台账保存次数取较多的：所用文件导出时台账已保存{}，本文件{}",
                counter(winner.save_counter),
                counter(loser.save_counter)
            )
        } else if winner.figures.date != loser.figures.date {
            format!(
                "导出时间和保存次数都相同，取统计日期较晚（{}）的一份",
                winner.figures.date.strftime("%Y-%m-%d")
            )
        } else {
            "导出时间、保存次数和统计日期都相同（应是同一次导出），按文件路径排后者取用".to_owned()
        });
    }
    if !winner.via.is_empty() {
        why.push(format!("所用的是汇总文件中该支部的 {}", winner.source));
    }
    (!why.is_empty()).then(|| why.join("；"))
}

/// Which key a branch's (or an office's) files must be signed with.
enum Trusted<'a> {
    /// This key: remembered before (`known`), or seen now for the first
    /// time or confirmed (`new`).
    Key {
        key: PublicKey,
        known: Option<&'a KnownBranch>,
        new: bool,
    },
    /// None of its files is signed.
    NoneSigned,
    /// Seen for the first time, and its files are signed by this many
    /// different keys: none can be trusted.
    Conflict(usize),
}

impl Trusted<'_> {
    /// Whether a file with `seal` counts.
    fn trusts(&self, seal: &Seal) -> bool {
        matches!((self, seal), (Trusted::Key { key, .. }, Seal::Signed(signed)) if key == signed)
    }
}

/// The key newly trusted, and the newest file signed by it.
fn new_key<'a>(trusted: &Trusted, candidates: &[&Sealed<'a>]) -> Option<(PublicKey, &'a PathBuf)> {
    let Trusted::Key { key, new: true, .. } = trusted else {
        return None;
    };
    candidates
        .iter()
        .filter(|c| trusted.trusts(c.seal))
        .max_by(|a, b| a.rank.cmp(&b.rank))
        .map(|c| (key.clone(), c.rank.3))
}

/// The key `candidates` of one branch (or office) are checked against.
fn trusted_key<'a>(candidates: &[&Sealed], (superior, branch): (&str, &str), trust: &'a Trust) -> Trusted<'a> {
    let known = trust.known.get(superior, branch);
    let signed = || {
        candidates.iter().filter_map(|c| match c.seal {
            Seal::Signed(key) => Some((c.rank, key)),
            _ => None,
        })
    };
    let newest_signed = signed().max_by(|a, b| a.0.cmp(&b.0)).map(|(_, key)| key.clone());
    let accepted = trust.accept.iter().any(|name| name.trim() == branch);
    match (accepted, newest_signed, known) {
        (true, Some(key), known) => Trusted::Key {
            new: known.is_none_or(|k| k.public_key != key),
            key,
            known,
        },
        (_, _, Some(known)) => Trusted::Key {
            key: known.public_key.clone(),
            known: Some(known),
            new: false,
        },
        (_, None, None) => Trusted::NoneSigned,
        (_, Some(key), None) => {
            let mut keys: Vec<&PublicKey> = signed().map(|(_, key)| key).collect();
            keys.sort();
            keys.dedup();
            if keys.len() > 1 {
                Trusted::Conflict(keys.len())
            } else {
                Trusted::Key {
                    key,
                    known: None,
                    new: true,
                }
            }
        }
    }
}

/// Why a file (or a roll-up's row) of `name` that is not signed by the
/// trusted key may have been changed, and what to do; `files`: how many
/// files of that branch or office were given.
fn doubt(name: &str, seal: &Seal, files: usize, trusted: &Trusted, whose: Whose) -> String {
    let (file, made, again) = match whose {
        Whose::Branch => ("导出文件", "导出", "重新导出"),
        Whose::Office => ("汇总文件", "生成", "重新生成汇总文件"),
    };
    let unit = match whose {
        Whose::Branch => "本支部",
        Whose::Office => "该汇总单位",
    };
    let confirm = format!(
        "若「{name}」确实换了密钥（如重装电脑、密钥文件损坏），请电话向「{name}」核对指纹，确认后在命令行加 --accept-key {name}（窗口中点该文件旁的「确认新密钥」），采用其最新一份{file}的密钥；否则这份文件可能是别处伪造的，不要采用"
    );
    let why = match (seal, trusted) {
        (Seal::Unsigned, _) => {
            format!("文件没有签名（可能由旧版程序{made}，或签名被去掉）。请「{name}」用新版程序{again}后再交")
        }
        (Seal::Broken(why), _) => format!("{why}。请「{name}」{again}后再交"),
        (
            Seal::Signed(key),
            Trusted::Key {
                key: trusted, known, ..
            },
        ) => {
            let whose = match known {
                Some(k) if &k.public_key == trusted => format!(
                    "此前记下的{unit}密钥（指纹 {}，{} 记自 {}）",
                    trusted.fingerprint(),
                    k.since.strftime("%Y-%m-%d"),
                    k.file
                ),
                _ => format!("{unit}其他文件的密钥（指纹 {}）", trusted.fingerprint()),
            };
            format!("签名的密钥（指纹 {}）不是{whose}。{confirm}", key.fingerprint())
        }
        (Seal::Signed(key), _) => {
            let n = match trusted {
                Trusted::Conflict(n) => *n,
                _ => files,
            };
            format!(
                "{unit}的{file}由 {n} 个不同的密钥签名（本文件指纹 {}），首次汇总无法判断哪份可信，都未采用。{confirm}",
                key.fingerprint()
            )
        }
    };
    format!("可能被改动：{why}")
}
