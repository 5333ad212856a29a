//! Comparing two drafts of a party-spirit analysis (progress::compare):
//! two 10,000-character drafts in about 120 paragraphs, the second revised
//! as a reviewer's comments make a member revise — phrases changed in a
//! tenth of the paragraphs, a section added, a paragraph moved, one
//! deleted. Goal: within one frame (16 ms), since the comparison is worked
//! out when 对比 is pressed. Also a pathological pair: two unrelated
//! 10,000-character paragraphs written with the same 30 characters, which
//! a plain Myers diff takes seconds over; the budget (compare::BUDGET)
//! bounds it.
//!
//! `cargo bench --bench compare`

// The program's allocator, so that the figures are the program's.
zhibu::program_allocator!();

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use zhibu::progress::compare::{BUDGET, compare};

/// A small deterministic generator (xorshift), so every run compares the
/// same texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const PHRASES: [&str; 16] = [
    "对照党章规定的党员义务",
    "认真查找自身存在的问题",
    "理论学习不够系统深入",
    "满足于读读报纸、听听传达",
    "深入群众了解情况不多",
    "为群众办实事的主动性不强",
    "参加组织生活不够经常",
    "开拓创新的意识不强",
    "调查研究不够深入",
    "放松了世界观的改造",
    "宗旨意识有所淡化",
    "对自己要求不够严格",
    "2005年参加集中学习42学时",
    "与新形势新任务的要求还有差距",
    "工作中存在按部就班的思想",
    "遇到困难有畏难情绪",
];

/// A paragraph of about `n` characters of phrases.
fn paragraph(rng: &mut Rng, n: usize) -> String {
    let mut out = String::new();
    while out.chars().count() < n {
        out.push_str(PHRASES[rng.next(PHRASES.len())]);
        out.push(if rng.next(3) == 0 { '。' } else { '，' });
    }
    out
}

/// The first draft (about 10,000 characters) and the revised one.
fn drafts() -> (String, String) {
    let mut rng = Rng(0x2006_0120);
    let old: Vec<String> = (0..120)
        .map(|i| {
            if i % 15 == 0 {
                format!("（{}）方面", i / 15 + 1)
            } else {
                paragraph(&mut rng, 88)
            }
        })
        .collect();
    let mut new = old.clone();
    for i in (3..new.len()).step_by(10) {
        new[i] = new[i].replacen("不够", "还不够", 1).replacen("深入", "扎实", 1);
    }
    let moved = new.remove(20);
    new.insert(90, moved);
    new.remove(50);
    let section: Vec<String> = (0..6).map(|_| paragraph(&mut rng, 88)).collect();
    new.splice(100..100, section);
    (old.join("\n"), new.join("\n"))
}

/// Two unrelated paragraphs of `n` characters from the same 30 hanzi.
fn pathological(n: usize) -> (String, String) {
    let alphabet: Vec<char> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也"
        .chars()
        .collect();
    let mut rng = Rng(0x5eed);
    let mut text = || -> String { (0..n).map(|_| alphabet[rng.next(30)]).collect() };
    (text(), text())
}

fn compare_drafts(c: &mut Criterion) {
    let (old, new) = drafts();
    let chars = (old.chars().count(), new.chars().count());
    assert!(chars.0 >= 10_000 && chars.1 >= 10_000, "{chars:?}");
    let result = compare(&old, &new);
    assert!(!result.cut_short);
    println!("10,000-character drafts {chars:?}: {}", result.summary.sentence());
    c.bench_function("compare two 10,000-character drafts", |b| {
        b.iter(|| std::hint::black_box(compare(&old, &new)))
    });

    let (a, b) = pathological(10_000);
    let started = Instant::now();
    let result = compare(&a, &b);
    let took = started.elapsed();
    println!(
        "pathological pair: {took:?} (budget {BUDGET:?}), cut short: {}, {}",
        result.cut_short,
        result.summary.sentence()
    );
    assert!(took < BUDGET + Duration::from_millis(100), "{took:?}");
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    group.bench_function("two unrelated 10,000-character paragraphs", |bench| {
        bench.iter(|| std::hint::black_box(compare(&a, &b)))
    });
    let many: (String, String) = {
        let (x, y) = pathological(10_000);
        let lines = |t: &str| -> String {
            let chars: Vec<char> = t.chars().collect();
            chars
                .chunks(100)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        };
        (lines(&x), lines(&y))
    };
    group.bench_function("a hundred unrelated pairs of 100-character paragraphs", |bench| {
        bench.iter(|| std::hint::black_box(compare(&many.0, &many.1)))
    });
    group.finish();
}

criterion_group!(benches, compare_drafts);
criterion_main!(benches);
