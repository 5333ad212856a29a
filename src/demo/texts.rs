//! Phrase lists for the demo's shorter texts: study topics, the branch's
//! concrete requirements, reflections, opinions, talk cards and the
//! committee's appraisal opinions. Wording follows the work reports of the
//! time (see `shared/seeds/`).

use crate::model::opinion::{Aspect, Channel, Source};
use crate::model::study::StudyForm;

/// Study topics of the learning stage: (topic, form, material).
pub(super) const LEARNING_TOPICS: &[(&str, StudyForm, &str)] = &[
    (
        "学习“三个代表”重要思想概述",
        StudyForm::Concentrated,
        "《保持共产党员先进性教育读本》",
    ),
    (
        "学习党章总纲，重温入党誓词",
        StudyForm::PartyClass,
        "《中国共产党章程》",
    ),
    (
        "学习党章第一章：党员的义务和权利",
        StudyForm::Concentrated,
        "《中国共产党章程》",
    ),
    (
        "学习党的十六大报告，理解全面建设小康社会的奋斗目标",
        StudyForm::Lecture,
        "党的十六大报告",
    ),
    (
        "学习胡锦涛同志在新时期保持共产党员先进性专题报告会上的讲话",
        StudyForm::Concentrated,
        "《保持共产党员先进性教育读本》",
    ),
    ("观看电教片《牛玉儒》", StudyForm::Video, "电教片《牛玉儒》"),
    (
        "学习《毛泽东 邓小平 江泽民论保持共产党员先进性》",
        StudyForm::SelfStudy,
        "《毛泽东 邓小平 江泽民论保持共产党员先进性》",
    ),
    (
        "专题讨论：新时期农村党员怎样保持先进性",
        StudyForm::Discussion,
        "《保持共产党员先进性教育读本》",
    ),
    (
        "学习党的十六届五中全会精神，建设社会主义新农村",
        StudyForm::Lecture,
        "《中共中央关于制定国民经济和社会发展第十一个五年规划的建议》",
    ),
    (
        "党课：做一名合格的农村共产党员",
        StudyForm::PartyClass,
        "《中国共产党章程》",
    ),
    ("观看电教片《任长霞》", StudyForm::Video, "电教片《任长霞》"),
    (
        "学习《中国共产党党内监督条例（试行）》",
        StudyForm::Concentrated,
        "《中国共产党党内监督条例（试行）》",
    ),
    (
        "学习《中国共产党纪律处分条例》",
        StudyForm::Concentrated,
        "《中国共产党纪律处分条例》",
    ),
    (
        "通过农村党员现代远程教育网学习大棚蔬菜种植技术",
        StudyForm::Online,
        "远程教育课件《日光温室蔬菜栽培》",
    ),
    (
        "学习党的历史和优良传统",
        StudyForm::Concentrated,
        "《保持共产党员先进性教育读本》",
    ),
    (
        "专题辅导：“两个务必”与党员作风建设",
        StudyForm::Lecture,
        "《保持共产党员先进性教育读本》",
    ),
    (
        "党章和先进性教育知识竞赛",
        StudyForm::Quiz,
        "党章、《保持共产党员先进性教育读本》",
    ),
    (
        "专题讨论：制定本支部党员保持先进性的具体要求",
        StudyForm::Discussion,
        "《中国共产党章程》",
    ),
];

/// Study topics during the appraisal stage.
pub(super) const APPRAISAL_TOPICS: &[(&str, StudyForm, &str)] = &[
    (
        "学习分析评议阶段有关文件，明确党性分析的要求",
        StudyForm::Concentrated,
        "县先教办《关于认真搞好分析评议阶段工作的意见》",
    ),
    ("观看电教片《郑培民》", StudyForm::Video, "电教片《郑培民》"),
    (
        "重温党章中关于党员标准的规定",
        StudyForm::Concentrated,
        "《中国共产党章程》",
    ),
    (
        "专题讨论：如何开展批评与自我批评",
        StudyForm::Discussion,
        "《保持共产党员先进性教育读本》",
    ),
];

pub(super) const PLACES: &[&str] = &["村党员活动室", "村委会会议室", "村小学教室", "青山镇党校"];

/// Why a member was away from a session.
pub(super) const LEAVE_MOBILE: &[&str] = &["外出务工", "在外地打工未归", "外出务工，已寄送学习资料"];
pub(super) const LEAVE_ELDERLY: &[&str] = &["年老体弱，行动不便", "生病住院", "腿脚不便，申请送学上门"];
pub(super) const LEAVE_OTHER: &[&str] = &["家中有事", "生病", "外出办事", "孩子生病住院", "出差", "赶集卖菜"];

/// The branch's concrete requirements (保持先进性具体要求).
pub(super) fn requirements(branch: &str) -> String {
    format!(
        "{branch}党员保持先进性的具体要求\n\n\
         根据党章规定和中央提出的新时期保持共产党员先进性的基本要求，结合本村实际，经全体党员讨论，\
         支部委员会研究，提出本村党员保持先进性的具体要求如下：\n\n\
         一、坚定信念，听党话、跟党走。认真学习“三个代表”重要思想和党的农村政策，不信谣、不传谣，\
         不参与封建迷信活动，在大是大非面前立场坚定。\n\n\
         二、带头致富，带领群众共同致富。每名有劳动能力的党员至少掌握一门实用技术，\
         发展一个增收项目，联系帮扶一至两户困难群众，在建设社会主义新农村中走在前列。\n\n\
         三、遵纪守法，维护农村稳定。带头遵守国家法律法规和村规民约，带头执行计划生育政策，\
         主动化解邻里矛盾，不参与越级上访和聚众闹事。\n\n\
         四、严守纪律，积极参加组织生活。按时参加“三会一课”，按时足额交纳党费，\
         外出党员每季度至少向支部汇报一次思想和工作情况。\n\n\
         五、移风易俗，树立文明新风。带头婚事新办、丧事简办，不赌博、不大操大办，\
         带头参加村里的修路、植树、清扫等公益劳动。\n\n\
         六、村干部党员做到“三个带头”：带头学习，带头办事公道、廉洁自律，带头落实村务公开和民主管理制度，\
         凡涉及群众切身利益的事情，一律提交村民代表会议讨论决定。"
    )
}

/// Titles of reflections and reading notes.
pub(super) const REFLECTION_TITLES: &[&str] = &[
    "学习党章的几点体会",
    "学习《保持共产党员先进性教育读本》心得",
    "重温入党誓词有感",
    "观看《牛玉儒》电教片后的体会",
    "学习“三个代表”重要思想读书笔记",
    "做一名新时期合格农村党员的思考",
    "学习十六届五中全会精神心得",
    "学习任长霞同志先进事迹有感",
];

/// Sentences of reflections, any order.
pub(super) const REFLECTION_SENTENCES: &[&str] = &[
    "通过这一阶段的集中学习，我对“三个代表”重要思想的科学内涵有了更深的认识。",
    "重温入党誓词，回想起当年入党时的情景，心里很不平静，感到自己离一名合格党员的标准还有差距。",
    "党章是党的根本大法，作为一名党员，必须时时处处以党章为镜子，对照检查自己的言行。",
    "牛玉儒同志“为官一任、造福一方”的精神深深打动了我，他把全部心血都用在了为群众办实事上。",
    "过去总认为学习是干部的事，自己是个普通农民党员，学不学无所谓，这种想法是错误的。",
    "建设社会主义新农村，需要我们党员带头转变观念，带头学技术，带头闯市场。",
    "我在村里种了十几年大棚，今后要把自己的技术毫无保留地教给周围的群众。",
    "保持先进性不是一句空话，要落实到日常的一言一行上，落实到为群众办的每一件实事上。",
    "作为一名老党员，虽然年纪大了，但思想上不能退休，要继续为村里的发展出主意、做贡献。",
    "在外打工也不能忘了自己是一名党员，要遵守所在地的法律法规，给家乡人争光。",
    "学习中我认识到，党员的先进性首先体现在理想信念坚定上，要始终相信党、跟党走。",
    "任长霞同志心里装着群众、唯独没有她自己，这正是我们学习的榜样。",
    "今后我要按照支部提出的具体要求，带头致富，带领群众共同致富，真正做到一个党员一面旗帜。",
    "我要坚持按时参加组织生活，按时交纳党费，自觉接受组织和群众的监督。",
    "通过讨论，大家一致认为，农村党员保持先进性，关键是要在发展经济、维护稳定、服务群众中发挥作用。",
];

/// Opinions about one member, by aspect.
pub(super) fn member_opinions(aspect: Aspect) -> &'static [&'static str] {
    match aspect {
        Aspect::Ideals => &[
            "对党的农村政策学习不够，有时在群众中讲一些发牢骚的话",
            "参与过看风水、算命等迷信活动，没有起到党员的带头作用",
            "平时只顾忙自家的生产，很少关心村里的大事",
        ],
        Aspect::Purpose => &[
            "带领群众致富的意识不强，自己的种植技术不愿意教给别人",
            "邻里之间闹矛盾时不愿出面调解，怕得罪人",
            "村里修路集资时积极性不高，没有带头",
            "对困难户关心不够，很少主动上门帮一把",
        ],
        Aspect::Discipline => &[
            "参加组织生活不经常，有时请假也不说明原因",
            "党费不能按时交纳，有时要支部催几次",
            "外出务工后很少向支部汇报思想和工作情况",
        ],
        Aspect::Thinking => &[
            "思想保守，接受新技术、新品种慢，怕担风险",
            "说话办事有时不讲方式方法，群众有意见",
            "对自己要求不严，红白喜事讲排场",
        ],
        Aspect::Working => &[
            "办事拖拉，答应群众的事情不能及时办理",
            "工作方法简单，有时态度生硬",
            "村里安排的公益劳动参加得少",
        ],
        Aspect::Other => &["希望多参加村里的集体活动"],
    }
}

/// Opinions about the branch: (content, aspect). The first three are
/// always solicited: the rectification items answer them.
pub(super) const BRANCH_OPINIONS: &[(&str, Aspect)] = &[
    (
        "村东三组到镇上的道路坑洼不平，雨天群众出行困难，希望尽快修好",
        Aspect::Purpose,
    ),
    ("自来水管网老化，夏季用水高峰时经常停水", Aspect::Purpose),
    ("村务公开不及时、不规范，群众对财务收支有疑问", Aspect::Working),
    ("“三会一课”坚持得不好，组织生活不够正常", Aspect::Discipline),
    ("对外出流动党员管理不到位，有的党员长期联系不上", Aspect::Discipline),
    ("发展党员重视不够，党员队伍年龄偏大，后继乏人", Aspect::Other),
    ("带领群众发展经济的思路不清，产业结构单一，群众增收慢", Aspect::Purpose),
    ("村里垃圾随意堆放，环境卫生差", Aspect::Working),
    ("对困难党员和困难群众关心不够，走访慰问少", Aspect::Purpose),
    ("宅基地审批程序不公开，群众有看法", Aspect::Working),
];

/// Opinions about the committee: (content, aspect).
pub(super) const COMMITTEE_OPINIONS: &[(&str, Aspect)] = &[
    ("班子成员之间沟通不够，有时意见不统一，影响工作落实", Aspect::Discipline),
    ("深入农户走访少，对群众的实际困难了解不够", Aspect::Working),
    ("开会多、落实少，有些事情议而不决", Aspect::Working),
    ("支委分工不够明确，工作主要靠书记一个人抓", Aspect::Thinking),
    ("对村办石料厂管理不严，承包费收缴不及时", Aspect::Working),
    ("带头学习不够，对新农村建设的政策讲不清楚", Aspect::Ideals),
];

/// How a raw opinion is introduced, so merged opinions read differently.
pub(super) fn opinion_opening(channel: Channel, source: Source) -> &'static str {
    let masses = source != Source::Member;
    match (channel, masses) {
        (Channel::Forum, true) => "座谈会上有村民提出：",
        (Channel::Forum, false) => "座谈会上有党员提出：",
        (Channel::Form, _) => "征求意见表中写道：",
        (Channel::Box, _) => "意见箱来信反映：",
        (Channel::Visit, true) => "走访时群众反映：",
        (Channel::Phone, true) => "有群众来电反映：",
        (Channel::Board, _) => "留言板上有人留言：",
        (_, true) => "有群众反映：",
        (_, false) => "有党员提出：",
    }
}
pub(super) const OPINION_ENDINGS: &[&str] = &["，希望改进。", "，建议认真解决。", "。", "，群众意见较大。"];

/// Talk topics by kind, in [`crate::model::talk::TalkKind::ALL`] order.
pub(super) const TALK_TOPICS: [&[&str]; 4] = [
    &["班子团结和分工协作", "如何开好专题民主生活会", "村务公开和财务管理"],
    &["分管工作中存在的问题", "本组群众反映的突出问题", "组里的修路和用水问题"],
    &[
        "学习体会和思想认识",
        "互相指出存在的问题和不足",
        "如何带头致富、带领群众致富",
        "参加组织生活的情况",
    ],
    &["听取群众对党员的意见", "群众对村里工作的意见和建议", "发展生产的难处"],
];

/// Sentences of what was said on any talk card.
pub(super) const TALK_CONTENT: &[&str] = &[
    "双方本着坦诚相见、与人为善的态度，交流了参加先进性教育活动以来的思想收获。",
    "对方直言不讳地指出了我在工作中存在的不足，我虚心接受。",
    "我主动征求对方对我的意见，对方提出我有时说话太冲，不注意方式。",
    "双方回顾了过去工作中的一些误会，交换了看法，消除了隔阂。",
    "对方认为我参加组织生活不够积极，今后要改进。",
];

/// What was said on a card of each kind, in [`crate::model::talk::TalkKind::ALL`] order.
pub(super) const TALK_CONTENT_BY_KIND: [&[&str]; 4] = [
    &[
        "双方就班子分工和配合问题坦诚交换了意见，认为支委之间平时通气不够。",
        "对方指出我在村务决策上有时考虑不周，事先与其他支委商量少。",
    ],
    &[
        "听取了对方对本组工作的汇报，指出组里修路集资进展慢的问题。",
        "对方反映组里群众对用水问题意见较大，希望村里尽快解决。",
    ],
    &[
        "对方谈了外出务工期间的经历，希望支部多和流动党员保持联系。",
        "谈到村里发展，对方建议多搞几个大棚示范户，带动群众增收。",
    ],
    &[
        "群众反映村东道路难走，希望党员带头出工出力。",
        "对方希望党员多上门走走，帮助解决种植中遇到的技术难题。",
    ],
];

/// Problems raised in a talk.
pub(super) const TALK_PROBLEMS: &[&str] = &[
    "学习不够主动，带头作用发挥得不好",
    "工作方法简单，群众有意见",
    "参加组织生活不经常",
    "对困难群众关心不够",
    "带领群众致富办法不多",
    "村务公开不及时",
];

/// Outcomes agreed in a talk.
pub(super) const TALK_OUTCOMES: &[&str] = &[
    "双方达成共识，互相监督，共同改正。",
    "表示接受意见，在整改中认真加以解决。",
    "约定今后经常交流思想，互相帮助。",
    "增进了理解，消除了误会，增强了团结。",
];

/// Comments by reviewers.
pub(super) const REVIEW_COMMENTS: &[&str] = &[
    "记录完整，问题找得准。",
    "内容真实，符合要求。",
    "谈心比较深入，建议把整改措施写具体。",
    "已阅。",
];

/// The branch committee's appraisal opinion for each grade, in
/// [`crate::model::appraisal::Grade::ALL`] order.
pub(super) const BRANCH_OPINIONS_BY_GRADE: [&str; 4] = [
    "该同志学习认真，党性分析深刻，在带领群众致富中发挥了先锋模范作用，群众评价高，评定为优秀。",
    "该同志能认真参加先进性教育活动，按要求完成各个环节，能够发挥党员作用，评定为合格。",
    "该同志参加活动不够积极，党员作用发挥不明显，评定为基本合格，希望认真整改。",
    "该同志长期不参加组织生活，经教育仍无明显转变，评定为不合格，限期改正。",
];
