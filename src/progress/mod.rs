//! Facts derived from the records, never stored: what is done and what is
//! missing for every member ([`checklist`]) and each stage's look-back gate
//! ([`gate`]). The GUI's 概览, the stage screens and `zhibu check` all read
//! these, so they always agree.

pub mod appraisal;
pub mod checklist;
pub mod gate;
pub mod hours;
pub mod rectification;
pub mod summary;

pub use checklist::{Cell, Checklist, Column, checklist};
pub use gate::{Check, Fix, Gate, Unmet, gate};
pub use hours::{MemberHours, hours_of, hours_of_all};
