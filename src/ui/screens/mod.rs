//! One module per screen. Each screen is a function of what it needs:
//! the ledger to read, its own view state, and the action list to push to.

pub mod a11y;
pub mod appraisal;
pub mod export;
pub mod form;
pub mod gate;
pub mod import;
pub mod learning;
pub mod member_form;
pub mod overview;
pub mod preparation;
pub mod print;
pub mod recovery;
pub mod rectification;
pub mod roster;
pub mod settings;
pub mod start;
pub mod switch;
