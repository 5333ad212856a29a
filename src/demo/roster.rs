//! The demo roster: a village branch with its committee, many farmers,
//! mobile members far away, elderly members at home, and one of every
//! special case the checks look for (a mobile member nobody can reach, a
//! member without a category, a transfer in and a transfer out). Every
//! name is distinct: two members of one name in the demo read as a
//! mistake of the program, not as a case to check (the roster's warning
//! about them is tested with names typed in).

use super::names::{self, LOCAL_AREA, NameGen, OTHER_AREAS};
use super::{Demo, TOWN, TRANSFER_IN, TRANSFER_OUT, Traits, add_days};
use crate::model::member::{FlowDirection, Gender, MobileInfo, Transfer};
use crate::model::{Category, Date, Member, MemberId, MemberStatus};

/// Committee posts: (position, gender, leading cadre).
const COMMITTEE: &[(&str, Gender, bool)] = &[
    ("红星村党支部书记", Gender::Male, true),
    ("红星村村委会主任、支部副书记", Gender::Male, true),
    ("红星村党支部组织委员、村会计", Gender::Male, false),
    ("红星村党支部宣传委员、妇女主任", Gender::Female, false),
    ("红星村党支部纪检委员、治保主任", Gender::Male, false),
];

/// The one-of-a-kind members a branch of 20 or more gets, most important
/// first (a branch of 20 has room for all but the last).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Special {
    Ordinary(Option<Category>),
    Unreachable,
    Inflow,
    Flexible,
    TransferIn,
    TransferOut,
    Probationary,
    Hardship,
    /// A woman farmer born 1955–1975: two of them, where the demo once had
    /// two members of the same name, so that everything after them in the
    /// story draws the same numbers.
    Woman,
    Cadre,
}

const SPECIALS: &[Special] = &[
    Special::Unreachable,
    Special::Inflow,
    Special::Ordinary(Some(Category::Retired)),
    Special::Flexible,
    Special::Ordinary(Some(Category::Unemployed)),
    Special::Ordinary(Some(Category::PrivateSector)),
    Special::Ordinary(Some(Category::Student)),
    Special::Ordinary(Some(Category::Pocket)),
    Special::Cadre,
    Special::Ordinary(None),
    Special::Woman,
    Special::Woman,
    Special::TransferIn,
    Special::TransferOut,
    Special::Probationary,
    Special::Hardship,
    Special::Ordinary(Some(Category::Mobile)),
];

/// Weights of the categories of everyone else.
const WEIGHTS: &[(Category, u32)] = &[
    (Category::Farmer, 42),
    (Category::Mobile, 14),
    (Category::ElderlyFrail, 10),
    (Category::Retired, 8),
    (Category::Employed, 8),
    (Category::PrivateSector, 7),
    (Category::Unemployed, 5),
    (Category::Student, 2),
    (Category::Pocket, 2),
];

/// Adds `n` members to the ledger, committee first.
pub(super) fn build(d: &mut Demo, n: usize) {
    let committee = match n {
        0..=24 => n.min(3),
        25..=39 => 4,
        _ => 5,
    };
    let mut slots: Vec<Special> = if n >= 20 { SPECIALS.to_vec() } else { Vec::new() };
    slots.truncate(n - committee);
    let weights: Vec<u32> = WEIGHTS.iter().map(|(_, w)| *w).collect();
    while slots.len() < n - committee {
        let category = WEIGHTS[d.rng.weighted(&weights)].0;
        slots.push(Special::Ordinary(Some(category)));
    }
    d.rng.shuffle(&mut slots);
    let mut names = NameGen::new();
    for &(position, gender, cadre) in &COMMITTEE[..committee] {
        let mut m = person(d, &mut names, Some(Category::Farmer), gender, (1950, 1972));
        m.position = position.to_owned();
        m.committee = true;
        m.leading_cadre = cadre;
        m.phone = names::mobile_phone(&mut d.rng);
        push(d, m, Traits::default());
    }
    for slot in slots {
        let (member, traits) = special(d, &mut names, slot);
        push(d, member, traits);
    }
}

fn push(d: &mut Demo, mut member: Member, traits: Traits) {
    member.id = MemberId(d.id());
    d.ledger.members.push(member);
    d.traits.push(traits);
}

fn special(d: &mut Demo, names: &mut NameGen, slot: Special) -> (Member, Traits) {
    let mut traits = Traits::default();
    let gender = if d.rng.chance(0.76) {
        Gender::Male
    } else {
        Gender::Female
    };
    let member = match slot {
        Special::Ordinary(category) => {
            let mut m = person(d, names, category, gender, birth_years(category));
            if category == Some(Category::Employed) && d.rng.chance(0.15) {
                m.leading_cadre = true;
                m.position = d
                    .rng
                    .pick(&["青山镇农技站站长", "青山镇中心小学校长", "青山镇卫生院院长"])
                    .to_string();
            }
            if category.is_none() {
                m.position = "本村村民".to_owned();
                m.notes = "原在外地工作，党员类别待核实。".to_owned();
            }
            if m.birth.is_some_and(|b| b.year() >= 1972) && d.rng.chance(0.05) {
                make_probationary(d, &mut m);
            }
            if matches!(category, Some(Category::ElderlyFrail | Category::Farmer)) && d.rng.chance(0.03) {
                m.hardship = true;
            }
            m
        }
        Special::Cadre => {
            let mut m = person(d, names, Some(Category::Employed), Gender::Male, (1955, 1968));
            m.leading_cadre = true;
            m.position = "青山镇农技站站长（家住本村）".to_owned();
            m
        }
        Special::Unreachable => {
            traits.unreachable = true;
            let mut m = person(d, names, Some(Category::Mobile), Gender::Male, (1968, 1978));
            m.mobile.contact.clear();
            m.phone.clear();
            m.notes = "原手机 2005-11-28 起停机，家中无人，正在托亲属查找。".to_owned();
            m
        }
        Special::Inflow => {
            let mut m = person(d, names, Some(Category::Mobile), gender, (1965, 1980));
            let phone = names::mobile_phone(&mut d.rng);
            m.mobile = MobileInfo {
                direction: FlowDirection::Inflow,
                whereabouts: "来自四川省南充市南部县，在本村宏达石料厂务工".to_owned(),
                contact: format!("本人手机 {phone}"),
            };
            m.phone = phone;
            m.position = "宏达石料厂工人（外来务工）".to_owned();
            m.id_number = names::id_number(
                &mut d.rng,
                OTHER_AREAS[3],
                m.birth.unwrap_or(super::STORY_DAY),
                m.gender,
            );
            m
        }
        Special::Flexible => {
            traits.flexible = true;
            let mut m = person(d, names, Some(Category::ElderlyFrail), Gender::Male, (1928, 1932));
            m.education = "私塾".to_owned();
            m.ethnicity = "回族".to_owned();
            m.notes = "年事已高，视力不好，不能书写。".to_owned();
            m
        }
        Special::TransferIn => {
            let mut m = person(d, names, Some(Category::Employed), gender, (1970, 1980));
            m.position = "红星村小学教师".to_owned();
            m.transfer_in = Some(Transfer {
                date: TRANSFER_IN,
                other_branch: format!("中共{TOWN}石桥村支部委员会"),
            });
            m
        }
        Special::TransferOut => {
            let mut m = person(d, names, Some(Category::Farmer), gender, (1972, 1982));
            m.position = "本村五组村民（已考录为县城关街道办事处工作人员）".to_owned();
            m.transfer_out = Some(Transfer {
                date: TRANSFER_OUT,
                other_branch: "中共城关街道办事处机关支部委员会".to_owned(),
            });
            m
        }
        Special::Probationary => {
            let mut m = person(d, names, Some(Category::Farmer), gender, (1978, 1984));
            make_probationary(d, &mut m);
            m
        }
        Special::Hardship => {
            let mut m = person(d, names, Some(Category::Farmer), Gender::Male, (1945, 1958));
            m.hardship = true;
            m.notes = "妻子常年患病，家庭生活困难，已列为困难党员帮扶对象。".to_owned();
            m
        }
        Special::Woman => person(d, names, Some(Category::Farmer), Gender::Female, (1955, 1975)),
    };
    (member, traits)
}

fn make_probationary(d: &mut Demo, m: &mut Member) {
    let joined = d.day_between(Date::constant(2005, 3, 1), Date::constant(2005, 9, 30));
    m.status = MemberStatus::Probationary;
    m.joined = Some(joined);
    m.probation_due = Some(joined.saturating_add(jiff::Span::new().years(1)));
}

fn birth_years(category: Option<Category>) -> (i16, i16) {
    match category {
        Some(Category::Student) => (1983, 1985),
        Some(Category::ElderlyFrail) => (1930, 1940),
        Some(Category::Retired) => (1933, 1948),
        Some(Category::Mobile) => (1965, 1982),
        Some(Category::Unemployed) => (1952, 1968),
        Some(Category::Pocket) => (1958, 1975),
        Some(Category::Employed | Category::PrivateSector) => (1955, 1980),
        Some(Category::Farmer) | None => (1938, 1980),
    }
}

/// A member with the facts every roster row has, fitting the category.
fn person(d: &mut Demo, names: &mut NameGen, category: Option<Category>, gender: Gender, years: (i16, i16)) -> Member {
    let rng = &mut d.rng;
    let year = rng.range(i64::from(years.0), i64::from(years.1)) as i16;
    let birth = add_days(Date::constant(year, 1, 1), rng.range(0, 364));
    let name = names.unique(rng, gender, year);
    let latest = Date::constant(2004, 12, 20);
    let age_at_joining = rng.range(18, (2004 - i64::from(year)).clamp(18, 45));
    let mut joined = add_days(
        birth.saturating_add(jiff::Span::new().years(age_at_joining)),
        rng.range(0, 300),
    );
    if rng.chance(0.25) {
        // Many were admitted on the Party's anniversary.
        let july = Date::constant(joined.year(), 7, 1);
        if july >= birth.saturating_add(jiff::Span::new().years(18)) {
            joined = july;
        }
    }
    let joined = joined.min(latest);
    let ethnicity = if rng.chance(0.94) {
        "汉族"
    } else {
        *rng.pick(names::ETHNICITIES)
    };
    let education = match year {
        ..1945 => *rng.pick(&["小学", "小学", "初小", "初中"]),
        1945..1965 => *rng.pick(&["小学", "初中", "初中", "高中"]),
        _ => *rng.pick(&["初中", "高中", "高中", "中专", "大专"]),
    };
    let elderly = matches!(category, Some(Category::ElderlyFrail));
    let phone = if elderly {
        if rng.chance(0.5) {
            names::landline(rng)
        } else {
            String::new()
        }
    } else if rng.chance(0.9) {
        names::mobile_phone(rng)
    } else {
        String::new()
    };
    let id_number = if rng.chance(0.9) {
        names::id_number(rng, LOCAL_AREA, birth, gender)
    } else {
        String::new()
    };
    let mut member = Member {
        name,
        gender,
        ethnicity: ethnicity.to_owned(),
        birth: Some(birth),
        joined: Some(joined),
        education: education.to_owned(),
        phone,
        id_number,
        category,
        ..Member::default()
    };
    fill_category(d, &mut member);
    member
}

fn fill_category(d: &mut Demo, m: &mut Member) {
    let rng = &mut d.rng;
    let group = rng.range(1, 8);
    m.position = match m.category {
        Some(Category::Farmer) | None => match rng.below(6) {
            0 => format!("本村{group}组组长"),
            1 => format!("本村{group}组村民，蔬菜大棚种植户"),
            2 => format!("本村{group}组村民，生猪养殖户"),
            _ => format!("本村{group}组村民"),
        },
        Some(Category::Mobile) => "外出务工".to_owned(),
        Some(Category::ElderlyFrail) => format!("本村{group}组村民（年老体弱）"),
        Some(Category::Retired) => rng
            .pick(&[
                "县粮食局退休干部",
                "镇中心小学退休教师",
                "县供销社退休职工",
                "部队转业干部（已退休）",
            ])
            .to_string(),
        Some(Category::Unemployed) => rng
            .pick(&["原县化肥厂下岗职工", "原镇农机站下岗职工", "原县棉纺厂下岗职工"])
            .to_string(),
        Some(Category::PrivateSector) => rng
            .pick(&[
                "宏达石料厂工人",
                "青山镇民营服装厂车间主任",
                "个体运输户",
                "红星建材厂会计",
            ])
            .to_string(),
        Some(Category::Student) => {
            m.education = "大学本科在读".to_owned();
            "山东农业大学在读学生（组织关系在村）".to_owned()
        }
        Some(Category::Pocket) => "在县城个体经营".to_owned(),
        Some(Category::Employed) => rng
            .pick(&[
                "红星村小学教师",
                "青山镇卫生院医生",
                "青山镇农技站技术员",
                "村卫生室医生",
            ])
            .to_string(),
    };
    match m.category {
        Some(Category::Mobile) => {
            let contact = match rng.below(3) {
                0 => format!("本人手机 {}", names::mobile_phone(rng)),
                1 => format!("家属电话 {}", names::landline(rng)),
                _ => format!("本人手机 {}，其父转告", names::mobile_phone(rng)),
            };
            m.mobile = MobileInfo {
                direction: FlowDirection::Outflow,
                whereabouts: rng.pick(names::WHEREABOUTS).to_string(),
                contact,
            };
        }
        Some(Category::Pocket) => {
            m.notes =
                "原在县化肥厂，企业改制后组织关系介绍信一直自己保管，党员组织关系集中排查时接转到村支部。".to_owned();
        }
        _ => {}
    }
}
