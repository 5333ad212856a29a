//! The window's size and place: it fits the screen it opens on, at any
//! scale factor, and opens where it was closed.
//!
//! The size of the screen is known only once the window exists (winit
//! tells it with the first frame), so the window opens at a size eframe
//! keeps within the largest monitor, and the first frame that knows its
//! monitor applies [`fit`]: on a laptop-sized screen (up to
//! [`MAXIMISE_UP_TO`] logical points wide, e.g. 1366×768, or 1920×1080 at
//! 125–150 %) maximised, so the system fits it between the title bar and
//! the taskbar; on a larger screen a comfortable size within the work area,
//! centred. Where it was closed (size, position, maximised, and the size of
//! that monitor) is kept in the preferences; when that monitor is gone (a
//! laptop taken away from its office screen) the place is forgotten and
//! the rule above applies again. All sizes are logical points, so the
//! scale factor is already in them.

use egui::{Pos2, Vec2, ViewportBuilder, ViewportCommand, ViewportInfo, pos2, vec2};
use serde::{Deserialize, Serialize};

/// Screens up to this wide (logical points) start with the window
/// maximised.
pub const MAXIMISE_UP_TO: f32 = 1440.0;
/// The size chosen on a larger screen, when it fits.
pub const COMFORTABLE: Vec2 = vec2(1280.0, 800.0);
/// The size the window opens at before its monitor is known.
pub const OPENING: Vec2 = vec2(1100.0, 640.0);
/// The smallest window the screens are laid out for (they scroll below
/// it); small enough for 1366×768 at 150 % (911×512 points).
pub const SMALLEST: Vec2 = vec2(640.0, 400.0);
/// What the system takes from a monitor around the window's inner area:
/// a taskbar (Windows: 40–48 points), the title bar (about 32) and the
/// frame.
const TASKBAR_AND_TITLE: Vec2 = vec2(16.0, 88.0);

/// Where the window was when it was closed, kept in the preferences.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The inner size when not maximised.
    pub inner: [f32; 2],
    /// The outer top-left corner when not maximised.
    pub position: Option<[f32; 2]>,
    pub maximized: bool,
    /// The size of the monitor it was on.
    pub monitor: [f32; 2],
}

/// What to do with the window once its monitor is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    /// Maximise it.
    Maximise,
    /// Give it this inner size, its outer corner at this position.
    Place { inner: Vec2, position: Pos2 },
    /// Leave it as it is (it opened where it was, and that still fits).
    Keep,
}

/// The inner area a window may take on a monitor of `monitor` points.
pub fn usable(monitor: Vec2) -> Vec2 {
    (monitor - TASKBAR_AND_TITLE).max(SMALLEST)
}

/// The rule: what to do with a window, given its monitor's size and the
/// remembered place (if any).
pub fn fit(monitor: Vec2, remembered: Option<&Place>) -> Fit {
    let room = usable(monitor);
    if let Some(place) = remembered.filter(|p| same_monitor(p.monitor, monitor)) {
        if place.maximized {
            return Fit::Maximise;
        }
        let inner = Vec2::from(place.inner);
        if inner.x <= room.x && inner.y <= room.y {
            return Fit::Keep;
        }
        let inner = inner.min(room);
        let position = place.position.map_or_else(|| centred(monitor, inner), Pos2::from);
        return Fit::Place {
            inner,
            position: within(monitor, inner, position),
        };
    }
    if monitor.x <= MAXIMISE_UP_TO {
        return Fit::Maximise;
    }
    let inner = COMFORTABLE.min(room);
    Fit::Place {
        inner,
        position: centred(monitor, inner),
    }
}

/// The builder's size and place at opening: where it was, or
/// [`OPENING`] centred by eframe.
pub fn opening(builder: ViewportBuilder, remembered: Option<&Place>) -> ViewportBuilder {
    let builder = builder.with_min_inner_size(SMALLEST);
    match remembered {
        Some(place) => {
            let builder = builder
                .with_inner_size(Vec2::from(place.inner).min(usable(Vec2::from(place.monitor))))
                .with_maximized(place.maximized);
            match place.position {
                Some(position) => builder.with_position(Pos2::from(position)),
                None => builder,
            }
        }
        None => builder.with_inner_size(OPENING),
    }
}

/// The commands that carry out `fit`.
pub fn commands(fit: Fit) -> Vec<ViewportCommand> {
    match fit {
        Fit::Maximise => vec![ViewportCommand::Maximized(true)],
        Fit::Place { inner, position } => vec![
            ViewportCommand::InnerSize(inner),
            ViewportCommand::OuterPosition(position),
        ],
        Fit::Keep => Vec::new(),
    }
}

/// The place to remember, from what the window reports now; `None` while
/// it does not know (no monitor yet) or is minimised or full-screen. The
/// size and position of a maximised window are those it had before.
pub fn seen(info: &ViewportInfo, before: Option<&Place>) -> Option<Place> {
    let monitor = info.monitor_size?;
    if info.minimized == Some(true) || info.fullscreen == Some(true) {
        return None;
    }
    let maximized = info.maximized == Some(true);
    if maximized {
        let before = before.filter(|p| same_monitor(p.monitor, monitor));
        return Some(Place {
            inner: before.map_or(COMFORTABLE.min(usable(monitor)).into(), |p| p.inner),
            position: before.and_then(|p| p.position),
            maximized,
            monitor: monitor.into(),
        });
    }
    let inner = info.inner_rect?.size();
    Some(Place {
        inner: inner.into(),
        position: info.outer_rect.map(|r| r.min.into()),
        maximized,
        monitor: monitor.into(),
    })
}

fn same_monitor(a: [f32; 2], b: Vec2) -> bool {
    (a[0] - b.x).abs() < 1.0 && (a[1] - b.y).abs() < 1.0
}

fn centred(monitor: Vec2, inner: Vec2) -> Pos2 {
    let outer = inner + TASKBAR_AND_TITLE;
    pos2(
        ((monitor.x - outer.x) / 2.0).max(0.0),
        ((monitor.y - outer.y) / 2.0).max(0.0),
    )
}

/// `position` moved so that a window of `inner` stays on a monitor of
/// `monitor` points (as far as the monitor's own coordinates tell).
fn within(monitor: Vec2, inner: Vec2, position: Pos2) -> Pos2 {
    let outer = inner + TASKBAR_AND_TITLE;
    let most = (monitor - outer).max(Vec2::ZERO);
    pos2(position.x.clamp(0.0, most.x), position.y.clamp(0.0, most.y))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A monitor of `width`×`height` pixels at `scale` (1.25 for 125 %),
    /// in the logical points egui reports.
    fn monitor(width: f32, height: f32, scale: f32) -> Vec2 {
        vec2(width / scale, height / scale)
    }

    /// The outer size the window takes with `inner` inside.
    fn outer(inner: Vec2) -> Vec2 {
        inner + TASKBAR_AND_TITLE
    }

    #[test]
    fn laptop_screens_start_maximised_at_every_common_scale() {
        for (w, h, scale) in [
            (1366.0, 768.0, 1.0),
            (1366.0, 768.0, 1.25),
            (1366.0, 768.0, 1.5),
            (1280.0, 800.0, 1.0),
            (1440.0, 900.0, 1.0),
            (1920.0, 1080.0, 1.5),
            (1920.0, 1200.0, 1.5),
            (1024.0, 768.0, 1.0),
        ] {
            assert_eq!(fit(monitor(w, h, scale), None), Fit::Maximise, "{w}×{h} at {scale}");
        }
    }

    #[test]
    fn larger_screens_get_a_comfortable_window_within_the_work_area_centred() {
        for (w, h, scale) in [
            (1920.0, 1080.0, 1.0),
            (2560.0, 1440.0, 1.0),
            (2560.0, 1440.0, 1.25),
            (3840.0, 2160.0, 1.5),
            (1600.0, 900.0, 1.0),
            (1920.0, 1080.0, 1.25),
        ] {
            let screen = monitor(w, h, scale);
            let Fit::Place { inner, position } = fit(screen, None) else {
                panic!("{w}×{h} at {scale}: not placed");
            };
            assert!(
                inner.x <= COMFORTABLE.x && inner.y <= COMFORTABLE.y,
                "{w}×{h}: {inner:?}"
            );
            let far = position + outer(inner);
            assert!(position.x >= 0.0 && position.y >= 0.0, "{w}×{h}: {position:?}");
            assert!(
                far.x <= screen.x && far.y <= screen.y,
                "{w}×{h}: off the screen at {far:?}"
            );
            // Centred: as much room left as right.
            assert!((position.x - (screen.x - far.x)).abs() < 1.0, "{w}×{h}: {position:?}");
        }
        // 1920×1080 at 125 % is 1536×864 points: 800 high would run
        // under the taskbar.
        let Fit::Place { inner, .. } = fit(monitor(1920.0, 1080.0, 1.25), None) else {
            panic!("not placed");
        };
        assert_eq!(inner.y, 864.0 - TASKBAR_AND_TITLE.y);
    }

    #[test]
    fn the_remembered_place_is_kept_on_the_same_monitor() {
        let screen = monitor(1920.0, 1080.0, 1.0);
        let place = Place {
            inner: [1000.0, 700.0],
            position: Some([300.0, 120.0]),
            maximized: false,
            monitor: screen.into(),
        };
        assert_eq!(fit(screen, Some(&place)), Fit::Keep);
        let maximised = Place {
            maximized: true,
            ..place
        };
        assert_eq!(fit(screen, Some(&maximised)), Fit::Maximise);
        // A small remembered window on a laptop stays small: the
        // secretary chose it.
        let laptop = monitor(1366.0, 768.0, 1.0);
        let small = Place {
            inner: [900.0, 600.0],
            position: Some([10.0, 10.0]),
            maximized: false,
            monitor: laptop.into(),
        };
        assert_eq!(fit(laptop, Some(&small)), Fit::Keep);
    }

    #[test]
    fn a_place_on_a_monitor_that_is_gone_is_forgotten() {
        let office = Place {
            inner: [1800.0, 1000.0],
            position: Some([2000.0, 50.0]),
            maximized: false,
            monitor: [2560.0, 1440.0],
        };
        assert_eq!(fit(monitor(1366.0, 768.0, 1.0), Some(&office)), Fit::Maximise);
        let screen = monitor(1920.0, 1080.0, 1.0);
        assert_eq!(fit(screen, Some(&office)), fit(screen, None));
    }

    #[test]
    fn a_remembered_window_too_big_for_its_monitor_now_is_shrunk_onto_it() {
        // Saved by an older version, or the taskbar grew: taller than the
        // work area.
        let place = Place {
            inner: [1580.0, 950.0],
            position: Some([200.0, 100.0]),
            maximized: false,
            monitor: [1600.0, 1000.0],
        };
        let screen = vec2(1600.0, 1000.0);
        let Fit::Place { inner, position } = fit(screen, Some(&place)) else {
            panic!("not placed");
        };
        let far = position + outer(inner);
        assert!(far.x <= screen.x && far.y <= screen.y, "{position:?} {inner:?}");
        assert_eq!(inner, vec2(1580.0, 1000.0 - TASKBAR_AND_TITLE.y));
    }

    #[test]
    fn the_opening_size_is_never_larger_than_the_remembered_monitor_allows() {
        let place = Place {
            inner: [3000.0, 2000.0],
            position: None,
            maximized: false,
            monitor: [1366.0, 768.0],
        };
        let builder = opening(ViewportBuilder::default(), Some(&place));
        let inner = builder.inner_size.expect("a size");
        assert!(inner.x <= 1366.0 && inner.y <= 768.0 - 80.0, "{inner:?}");
        assert_eq!(builder.min_inner_size, Some(SMALLEST));
        let first = opening(ViewportBuilder::default(), None);
        assert_eq!(first.inner_size, Some(OPENING));
    }

    #[test]
    fn the_place_seen_keeps_the_size_from_before_maximising() {
        let mut info = ViewportInfo {
            monitor_size: Some(vec2(1366.0, 768.0)),
            inner_rect: Some(egui::Rect::from_min_size(pos2(10.0, 40.0), vec2(900.0, 600.0))),
            outer_rect: Some(egui::Rect::from_min_size(pos2(2.0, 8.0), vec2(916.0, 640.0))),
            maximized: Some(false),
            ..Default::default()
        };
        let before = seen(&info, None).expect("a place");
        assert_eq!(before.inner, [900.0, 600.0]);
        assert_eq!(before.position, Some([2.0, 8.0]));
        info.maximized = Some(true);
        info.inner_rect = Some(egui::Rect::from_min_size(pos2(0.0, 30.0), vec2(1366.0, 690.0)));
        let maximised = seen(&info, Some(&before)).expect("a place");
        assert!(maximised.maximized);
        assert_eq!(maximised.inner, [900.0, 600.0]);
        info.minimized = Some(true);
        assert_eq!(seen(&info, Some(&before)), None);
    }
}
