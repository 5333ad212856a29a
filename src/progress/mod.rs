//! Facts derived from the records, never stored: what is done and what is
//! missing for every member ([`checklist`]), each stage's look-back gate
//! ([`gate`]) and the figures the county office wants back ([`figures`]).
//! The GUI's 概览, the stage screens, the export and `zhibu check` all read
//! these, so they always agree.

pub mod appraisal;
pub mod checklist;
pub mod figures;
pub mod gate;
pub mod hours;
pub mod rectification;
pub mod summary;

pub use checklist::{Cell, Checklist, Column, checklist};
pub use figures::{Figures, figures};
pub use gate::{Check, Fix, Gate, Unmet, gate};
pub use hours::{MemberHours, hours_of, hours_of_all};
