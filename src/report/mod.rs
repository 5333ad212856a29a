//! What leaves the program on paper: [`pdf`] lays out the campaign's forms
//! (党员对照检查清单, 签到表, 谈心卡, …) on A4 pages and writes them as PDF.
//! Nothing here draws with egui; the 打印 screen paints the same layout.

pub mod pdf;
