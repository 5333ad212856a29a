//! Facts derived from the records, never stored: who counts for what
//! ([`roll`]), what is done and what is missing for every member
//! ([`checklist`]), each stage's look-back gate ([`gate`]), the figures
//! the county office wants back ([`figures`]) and what changed between two
//! drafts ([`compare`]). The GUI's 概览, the stage screens, the summary
//! draft, the export and `zhibu check` all read these, so they always
//! agree.

pub mod appraisal;
pub mod attendance;
pub mod checklist;
pub mod compare;
pub mod figures;
pub mod gate;
pub mod hours;
pub mod lengths;
pub mod rectification;
pub mod roll;
pub mod summary;

pub use checklist::{Cell, Checklist, Column, checklist};
pub use figures::{Figures, figures};
pub use gate::{Check, Fix, Gate, Unmet, gate};
pub use hours::{HoursTally, MemberHours, hours_of, hours_of_all, hours_tally};
pub use roll::Roll;
