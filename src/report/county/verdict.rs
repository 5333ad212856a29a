//! Which of the files read for the county roll-up are used: the verdict
//! on each file, by branch. A branch's files count only when signed by the
//! key it trusts for that branch ([`Trusted`]); of those the newest is used
//! and the others are set aside; every other file is 可能被改动, with why
//! and what to do.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Export, FileReport, FileStatus, KnownBranch, RollUp, Trust, branch_row};
use crate::report::signature::{PublicKey, Seal};

/// Adds up files already read, trusting what `trust` says.
pub fn roll_up_read_with(read: Vec<(PathBuf, Result<Export, String>)>, trust: &Trust) -> RollUp {
    // The files of each branch, in the order given.
    let mut groups: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, (_, result)) in read.iter().enumerate() {
        if let Ok(export) = result {
            groups.entry(branch_key(export)).or_default().push(i);
        }
    }
    let mut statuses: Vec<Option<(FileStatus, usize)>> = vec![None; read.len()];
    let mut rollup = RollUp::default();
    let now = crate::store::format::now();
    let mut group_list: Vec<_> = groups.into_iter().collect();
    group_list.sort();
    for ((superior, branch), members) in group_list {
        let files: Vec<(usize, &PathBuf, &Export)> = members
            .iter()
            .filter_map(|&i| read[i].1.as_ref().ok().map(|e| (i, &read[i].0, e)))
            .collect();
        let trusted = trusted_key(&files, (&superior, &branch), trust);
        if let Trusted::Key { key, new: true, .. } = &trusted
            && let Some(&(_, path, export)) = files
                .iter()
                .filter(|f| f.2.seal == Seal::Signed(key.clone()))
                .max_by(|a, b| rank(a).cmp(&rank(b)))
        {
            rollup.new_keys.push(KnownBranch {
                superior: export.header.superior.clone(),
                branch: export.header.branch.clone(),
                public_key: key.clone(),
                since: now,
                file: path.display().to_string(),
            });
        }
        let genuine: Vec<&(usize, &PathBuf, &Export)> = files
            .iter()
            .filter(|f| matches!(&trusted, Trusted::Key { key, .. } if f.2.seal == Seal::Signed(key.clone())))
            .collect();
        let newest = genuine.iter().max_by(|a, b| rank(a).cmp(&rank(b))).copied();
        for file in &files {
            let (i, path, export) = *file;
            let status = match newest {
                _ if !genuine.iter().any(|g| g.0 == i) => (FileStatus::Suspect(doubt(export, &files, &trusted)), 0),
                Some(&(used, _, _)) if used == i => {
                    rollup.rows.push(branch_row(path, export));
                    (FileStatus::Used, genuine.len() - 1)
                }
                Some(&(_, by, used)) => (
                    FileStatus::Replaced {
                        by: by.clone(),
                        by_exported_at: used.header.generated_at,
                        tie: used.header.generated_at == export.header.generated_at,
                    },
                    0,
                ),
                // A genuine file exists, so `newest` is one.
                None => (FileStatus::Used, 0),
            };
            statuses[i] = Some(status);
        }
    }
    rollup.unmatched_accept = trust
        .accept
        .iter()
        .filter(|name| {
            !rollup.new_keys.iter().any(|k| k.branch.trim() == name.trim())
                && !trust.known.iter().any(|k| k.branch.trim() == name.trim())
        })
        .cloned()
        .collect();
    for ((path, result), status) in read.into_iter().zip(statuses) {
        let report = match (result, status) {
            (Ok(export), Some((status, set_aside))) => FileReport {
                path,
                branch: Some(export.header.branch),
                exported_at: Some(export.header.generated_at),
                status,
                set_aside,
            },
            (Err(why), _) => FileReport {
                path,
                branch: None,
                exported_at: None,
                status: FileStatus::Rejected(why),
                set_aside: 0,
            },
            // Every file read is in a group.
            (Ok(export), None) => FileReport {
                path,
                branch: Some(export.header.branch),
                exported_at: Some(export.header.generated_at),
                status: FileStatus::Rejected("检查此文件时程序出错".to_owned()),
                set_aside: 0,
            },
        };
        rollup.files.push(report);
    }
    rollup
        .rows
        .sort_by(|a, b| (&a.superior, &a.branch).cmp(&(&b.superior, &b.branch)));
    rollup
}

/// Which key a branch's files must be signed with.
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

/// The key a branch's `files` are checked against.
fn trusted_key<'a>(
    files: &[(usize, &PathBuf, &Export)],
    (superior, branch): (&str, &str),
    trust: &'a Trust,
) -> Trusted<'a> {
    let known = trust.known.get(superior, branch);
    let newest_signed = files
        .iter()
        .filter_map(|f| match &f.2.seal {
            Seal::Signed(key) => Some((rank(f), key)),
            _ => None,
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, key)| key.clone());
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
            let mut keys: Vec<&PublicKey> = files
                .iter()
                .filter_map(|f| match &f.2.seal {
                    Seal::Signed(key) => Some(key),
                    _ => None,
                })
                .collect();
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

/// Why a file that is not signed by its branch's key may have been
/// changed, and what to do.
fn doubt(export: &Export, files: &[(usize, &PathBuf, &Export)], trusted: &Trusted) -> String {
    let branch = &export.header.branch;
    let confirm = format!(
        "若支部确实换了密钥（如重装电脑、密钥文件损坏），请电话向「{branch}」核对指纹，确认后在命令行加 --accept-key {branch}（窗口中点该文件旁的「确认新密钥」），采用该支部最新一份文件的密钥；否则这份文件可能是别处伪造的，不要采用"
    );
    let why = match (&export.seal, trusted) {
        (Seal::Unsigned, _) => {
            format!("文件没有签名（可能由旧版程序导出，或签名被去掉）。请「{branch}」用新版程序重新导出后再交")
        }
        (Seal::Broken(why), _) => format!("{why}。请「{branch}」重新导出后再交"),
        (
            Seal::Signed(key),
            Trusted::Key {
                key: trusted, known, ..
            },
        ) => {
            let whose = match known {
                Some(k) if &k.public_key == trusted => format!(
                    "此前记下的本支部密钥（指纹 {}，{} 记自 {}）",
                    trusted.fingerprint(),
                    k.since.strftime("%Y-%m-%d"),
                    k.file
                ),
                _ => format!("本支部其他文件的密钥（指纹 {}）", trusted.fingerprint()),
            };
            format!("签名的密钥（指纹 {}）不是{whose}。{confirm}", key.fingerprint())
        }
        (Seal::Signed(key), _) => {
            let n = match trusted {
                Trusted::Conflict(n) => *n,
                _ => files.len(),
            };
            format!(
                "本支部的导出文件由 {n} 个不同的密钥签名（本文件指纹 {}），首次汇总无法判断哪份可信，都未采用。{confirm}",
                key.fingerprint()
            )
        }
    };
    format!("可能被改动：{why}")
}

fn branch_key(export: &Export) -> (String, String) {
    (
        export.header.superior.trim().to_owned(),
        export.header.branch.trim().to_owned(),
    )
}

/// The order in which a branch's files are preferred: the one exported
/// later; exported in the same second, the one counted up to the later
/// day; then the later path by name (so that the choice does not depend on
/// the order the files were given in).
fn rank<'a>(
    &(_, path, export): &(usize, &'a PathBuf, &Export),
) -> (jiff::civil::DateTime, crate::model::Date, &'a PathBuf) {
    (export.header.generated_at, export.figures.date, path)
}
