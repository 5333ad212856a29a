//! Stable record ids.
//!
//! Every record gets a number from the ledger's single counter when it is
//! created and keeps it forever, also across undo. Ids are typed so that a
//! member id cannot be passed where a session id is wanted.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);
    )*};
}

id_type!(
    /// A party member on the roster.
    MemberId,
    /// A study session or the mobilisation meeting.
    SessionId,
    /// A make-up study record.
    MakeUpId,
    /// A reflection or reading note.
    ReflectionId,
    /// One raw opinion as it was received.
    OpinionId,
    /// A distinct opinion that one or more raw opinions were merged into.
    IssueId,
    /// A heart-to-heart talk card.
    TalkId,
    /// A member's party-spirit analysis material.
    AnalysisId,
    /// A meeting (organisational-life meeting, report meeting, …).
    MeetingId,
    /// A democratic appraisal round (one ballot count).
    AppraisalId,
    /// A member's rectification commitment.
    CommitmentId,
    /// A branch rectification item.
    BranchItemId,
    /// A long-term rule.
    RuleId,
    /// A satisfaction survey round.
    SurveyId,
);
