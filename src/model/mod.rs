//! The branch's records: everything one branch keeps for one campaign.
//!
//! Nothing here knows about egui, files or printing. Records point at each
//! other by stable ids ([`ids`]), never by name, so that renaming a member or
//! two members sharing a name never confuses a record. Every collection is
//! `#[serde(default)]` so that a file written before a field existed still
//! loads.

pub mod analysis;
pub mod appraisal;
pub mod appraisal_rules;
pub mod campaign;
pub mod campaign_rules;
pub mod dates;
pub mod ids;
#[cfg(test)]
mod label_tests;
pub mod ledger;
pub mod meeting;
pub mod member;
pub mod numbers;
pub mod opinion;
pub mod rectification;
pub mod rectification_rules;
pub mod shared;
pub mod study;
pub mod study_rules;
pub mod talk;
pub mod validate;

pub use campaign::{Campaign, Settings, Stage, StageMove};
pub use ids::*;
pub use ledger::{Branch, BranchKind, Ledger};
pub use member::{Category, Member, MemberStatus};
pub use shared::Shared;

/// A calendar date (no time zone): the only kind of date the ledger stores.
pub type Date = jiff::civil::Date;
