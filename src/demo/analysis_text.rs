//! The party-spirit analysis materials (党性分析材料): sentences about the
//! five aspects, root causes and the direction of effort, assembled into a
//! text of the wanted length in one buffer.

use super::analysis_phrases::{
    CADRE, CAUSES, CLOSING, DIRECTION, DISCIPLINE, DUTIES, IDEALS, INTRO, PURPOSE, THINKING, WORKING,
};
use super::rng::Rng;
use crate::model::analysis::DraftParts;
use crate::model::opinion::Aspect;

/// The five aspects of the analysis, in the order of the material.
pub(super) const ASPECTS: [Aspect; 5] = [
    Aspect::Ideals,
    Aspect::Purpose,
    Aspect::Discipline,
    Aspect::Thinking,
    Aspect::Working,
];

/// The problems a member names, by aspect (the seeds of commitments).
pub(super) fn problems(aspect: Aspect) -> &'static [&'static str] {
    match aspect {
        Aspect::Ideals => &[
            "政治理论学习不够系统，对党的农村政策理解不深",
            "学用结合不够，理论没有转化为行动",
        ],
        Aspect::Purpose => &["带领群众共同致富做得不够", "关心困难群众不够，帮助解决实际问题少"],
        Aspect::Discipline => &["参加组织生活不经常，组织观念淡薄", "外出期间向支部汇报思想不主动"],
        Aspect::Thinking => &["思想保守，怕担风险，小富即安", "自我要求放松，红白喜事随大流"],
        Aspect::Working | Aspect::Other => &["深入群众不够，工作方法简单", "群众托办的事情办理不及时"],
    }
}

/// The measure that answers a problem of this aspect.
pub(super) fn measure(aspect: Aspect) -> &'static str {
    match aspect {
        Aspect::Ideals => "每月参加两次集中学习，认真记好学习笔记，每季度写一篇心得体会",
        Aspect::Purpose => "联系帮扶两户困难群众，传授大棚种植技术，帮助落实一个增收项目",
        Aspect::Discipline => "按时参加“三会一课”，按时交纳党费，外出期间每季度向支部书面汇报一次",
        Aspect::Thinking => "带头婚丧事简办，参加一次外出考察学习，年内发展一个新的种养项目",
        Aspect::Working | Aspect::Other => "每月走访组内农户一遍，群众托办事项登记在册，一周内答复",
    }
}

type Pool = &'static [(&'static str, &'static str)];

fn section(aspect: Aspect) -> Pool {
    match aspect {
        Aspect::Ideals => IDEALS,
        Aspect::Purpose => PURPOSE,
        Aspect::Discipline => DISCIPLINE,
        Aspect::Thinking => THINKING,
        Aspect::Working | Aspect::Other => WORKING,
    }
}

/// Characters of a phrase. Every phrase is Chinese, three bytes a
/// character in UTF-8, so this need not walk the text (it runs millions of
/// times for a large demo); stray ASCII digits only make it undercount.
fn chars(text: &str) -> usize {
    text.len() / 3
}

/// A sentence without its leading ordinal (一是、十是 …: two characters).
fn without_ordinal(sentence: &str) -> &str {
    sentence
        .char_indices()
        .nth(2)
        .map_or(sentence, |(at, _)| &sentence[at..])
}

/// One part of the material: its sentence pairs and which of them to use.
struct Part {
    pool: Vec<(&'static str, &'static str)>,
    order: Vec<usize>,
    take: usize,
    /// Whether the sentences carry 一是、二是 … to be renumbered.
    renumber: bool,
}

impl Part {
    fn new(rng: &mut Rng, pool: Vec<(&'static str, &'static str)>, take: usize, renumber: bool) -> Self {
        let order = rng.sample(pool.len(), pool.len());
        Self {
            take: take.min(pool.len()),
            pool,
            order,
            renumber,
        }
    }

    fn pair_len(&self, k: usize) -> usize {
        let (head, example) = self.pool[self.order[k]];
        chars(head) + chars(example)
    }

    fn len(&self) -> usize {
        (0..self.take).map(|k| self.pair_len(k)).sum()
    }

    /// Writes the chosen pairs in pool order.
    fn write(&self, text: &mut String) {
        const ORDINALS: [&str; 12] = [
            "一是",
            "二是",
            "三是",
            "四是",
            "五是",
            "六是",
            "七是",
            "八是",
            "九是",
            "十是",
            "十一是",
            "十二是",
        ];
        let mut chosen: Vec<usize> = self.order[..self.take].to_vec();
        chosen.sort_unstable();
        for (k, &i) in chosen.iter().enumerate() {
            let (head, example) = self.pool[i];
            if self.renumber {
                text.push_str(ORDINALS[k.min(ORDINALS.len() - 1)]);
                text.push_str(without_ordinal(head));
            } else {
                text.push_str(head);
            }
            text.push_str(example);
        }
    }
}

/// A material of about `target` characters (as far as the sentences
/// reach), with the member's own line about themself and the opinions
/// they received; a cadre's also covers a cadre's own problems.
/// A material in the parts the seeds name, about `target` characters long.
pub(super) fn analysis(rng: &mut Rng, about_me: &str, opinions: &[&str], cadre: bool, target: usize) -> DraftParts {
    let mut parts: Vec<Part> = Vec::with_capacity(8);
    for aspect in ASPECTS {
        let mut pool = section(aspect).to_vec();
        if cadre && aspect == Aspect::Working {
            pool.extend_from_slice(CADRE);
        }
        parts.push(Part::new(rng, pool, 2, true));
    }
    parts.push(Part::new(rng, CAUSES.to_vec(), 2, true));
    parts.push(Part::new(rng, DIRECTION.to_vec(), 2, true));
    parts.push(Part::new(rng, DUTIES.to_vec(), 0, false));
    let heard: usize = opinions.iter().map(|o| chars(o) + 1).sum();
    let fixed = chars(about_me) + INTRO.iter().map(|s| chars(s)).sum::<usize>() + chars(CLOSING) + heard + 140;
    let mut total = fixed + parts.iter().map(Part::len).sum::<usize>();
    'grow: while total < target {
        let mut grew = false;
        for part in &mut parts {
            if part.take < part.order.len() {
                total += part.pair_len(part.take);
                part.take += 1;
                grew = true;
                if total >= target {
                    break 'grow;
                }
            }
        }
        if !grew {
            break;
        }
    }
    let mut opening = String::with_capacity(total);
    opening.push_str(about_me);
    for intro in INTRO {
        opening.push_str(intro);
    }
    if !opinions.is_empty() {
        opening.push_str("\n\n征求意见中，党员和群众对我提出的意见主要有：");
        for (k, opinion) in opinions.iter().enumerate() {
            if k > 0 {
                opening.push('；');
            }
            opening.push_str(opinion);
        }
        opening.push_str("。这些意见都很中肯，我诚恳接受。");
    }
    if parts[7].take > 0 {
        opening.push_str("\n\n对照党章规定的党员义务，我逐条进行了检查。");
        parts[7].write(&mut opening);
    }
    let mut problems: [String; 5] = Default::default();
    for (i, problem) in problems.iter_mut().enumerate() {
        parts[i].write(problem);
        *problem = problem.trim_start().to_owned();
    }
    let mut causes = String::from("通过认真反思，我认为产生上述问题的根源主要有以下几个方面：");
    parts[5].write(&mut causes);
    let mut direction = String::new();
    parts[6].write(&mut direction);
    direction.push_str("\n\n");
    direction.push_str(CLOSING);
    DraftParts {
        opening,
        problems,
        causes,
        direction: direction.trim_start().to_owned(),
    }
}

/// A short oral material written down by someone else.
pub(super) fn oral(rng: &mut Rng, scribe: &str) -> String {
    let mut text = String::from("党性分析材料（本人口述，他人代笔）\n\n");
    text.push_str("我今年年纪大了，眼睛看不清，写不了字，由支部安排");
    text.push_str(scribe);
    text.push_str("同志上门听我讲、帮我记录整理。");
    for aspect in ASPECTS {
        let pool = section(aspect);
        let (head, _) = pool[rng.below(pool.len())];
        text.push_str("\n\n在");
        text.push_str(aspect.label());
        text.push_str("方面，");
        text.push_str(without_ordinal(head));
    }
    text.push_str(
        "\n\n我入党几十年了，虽然干不动重活了，但党员的标准不能降，今后要多给年轻党员讲讲过去的事，多给村里出主意。\n\n以上内容经本人确认无误。",
    );
    text
}
