//! Work done on a thread of its own while the window goes on drawing: a
//! [`Job`] runs one piece of work (an autosave, a print layout, a PDF, the
//! county roll-up) on a named thread, and whoever started it asks for the
//! result without waiting ([`Job::poll`]) or waits for it ([`Job::wait`]).
//!
//! A job whose thread panicked, or could not be started, answers [`Lost`]
//! (a sentence in Chinese) instead of running forever, so a screen never
//! stays on "正在…". A job can call a wake callback when its result is
//! ready — the window passes its repaint, so the answer shows without
//! waiting for the next input — and the job itself knows no window.
//!
//! Threads that serve a stream of requests (the drafts writer) keep their
//! own channel and start through [`spawn_named`], so that every thread of
//! the program has a name in a debugger and in a panic message.
//!
//! Any folder may use this one; it uses none.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvError, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

/// Called from a job's thread when its result is ready (or lost).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// A job that ended without a result: its thread panicked or could not be
/// started. What it was doing is not done; the caller says what that means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("后台任务意外中止")]
pub struct Lost;

/// One piece of work running on a named thread, and its result once there.
pub struct Job<T> {
    result: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread called `name`.
    pub fn start(name: &str, work: impl FnOnce() -> T + Send + 'static) -> Self {
        Self::run(name, None, work)
    }

    /// Starts `work` on a thread called `name`; `wake` is called on that
    /// thread once the result can be taken (also when it was lost).
    pub fn start_waking(
        name: &str,
        wake: impl Fn() + Send + Sync + 'static,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Self {
        Self::run(name, Some(Arc::new(wake)), work)
    }

    fn run(name: &str, wake: Option<Wake>, work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (send, result) = channel();
        let delivery = Delivery { send: Some(send), wake };
        let started = spawn_named(name, move || delivery.deliver(work()));
        if let Err(err) = started {
            // The work was dropped with its delivery: the job answers Lost.
            eprintln!("无法启动后台线程 {name}：{err}");
        }
        Self { result }
    }
}

impl<T> Job<T> {
    /// The result, once the work is done (`Err(Lost)` when its thread ended
    /// without one); `None` while it runs. The result is given once: drop
    /// the job when it has answered.
    pub fn poll(&self) -> Option<Result<T, Lost>> {
        match self.result.try_recv() {
            Ok(value) => Some(Ok(value)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Lost)),
        }
    }

    /// Waits for the result (Ctrl+S waiting for an autosave; tests).
    pub fn wait(self) -> Result<T, Lost> {
        self.result.recv().map_err(|RecvError| Lost)
    }
}

/// Hands a job's result to its [`Job`] and then wakes whoever waits. When
/// the work panics this is dropped while unwinding, which also wakes: the
/// result channel is closed first, so the woken side sees [`Lost`] and not
/// a job still running.
struct Delivery<T> {
    send: Option<Sender<T>>,
    wake: Option<Wake>,
}

impl<T> Delivery<T> {
    fn deliver(mut self, value: T) {
        if let Some(send) = self.send.take() {
            // The job may have been dropped (a newer one started, the
            // window closed); then nobody needs the result.
            send.send(value).ok();
        }
    }
}

impl<T> Drop for Delivery<T> {
    fn drop(&mut self) {
        // Closed before waking: see the type's comment.
        drop(self.send.take());
        if let Some(wake) = &self.wake {
            wake();
        }
    }
}

/// Starts `f` on a new thread called `name` (for threads that live longer
/// than one job, such as the drafts writer, with their own channel).
pub fn spawn_named<T: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<JoinHandle<T>> {
    std::thread::Builder::new().name(name.to_owned()).spawn(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;
    use std::time::Duration;

    #[test]
    fn a_finished_job_gives_its_result_to_a_poll() {
        let job = Job::start("test-job", || 6 * 7);
        let started = std::time::Instant::now();
        let answer = loop {
            if let Some(answer) = job.poll() {
                break answer;
            }
            assert!(started.elapsed() < Duration::from_secs(10), "the job never finished");
            std::thread::sleep(Duration::from_millis(1));
        };
        assert_eq!(answer, Ok(42));
    }

    #[test]
    fn a_running_job_polls_as_none_until_its_work_is_done() {
        let (go, gate) = channel::<()>();
        let job = Job::start("test-job", move || gate.recv().is_ok());
        assert_eq!(job.poll(), None);
        go.send(()).unwrap();
        assert_eq!(job.wait(), Ok(true));
    }

    #[test]
    fn a_panicking_job_reports_lost_instead_of_running_forever() {
        let job: Job<u32> = Job::start("test-panic", || panic!("a bug in the work"));
        assert_eq!(job.wait(), Err(Lost));
        let job: Job<u32> = Job::start("test-panic", || panic!("a bug in the work"));
        let started = std::time::Instant::now();
        while job.poll().is_none() {
            assert!(started.elapsed() < Duration::from_secs(10), "a lost job still runs");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(job.poll(), Some(Err(Lost)));
        assert_eq!(Lost.to_string(), "后台任务意外中止");
    }

    #[test]
    fn the_wake_is_called_once_when_the_result_can_be_taken() {
        let (woken, wakes) = channel();
        let job = Job::start_waking("test-wake", move || woken.send(()).unwrap(), || "done");
        wakes.recv_timeout(Duration::from_secs(10)).expect("woken");
        // Woken after the result is in: a poll at the wake finds it.
        assert_eq!(job.poll(), Some(Ok("done")));
        // The wake (and its sender) is dropped with the thread's work: no
        // second call can follow.
        assert!(wakes.recv().is_err(), "woken twice");
    }

    #[test]
    fn a_panicking_job_wakes_too_and_is_seen_lost_at_the_wake() {
        let (woken, wakes) = channel();
        let job: Job<()> = Job::start_waking("test-wake", move || woken.send(()).unwrap(), || panic!("a bug"));
        wakes.recv_timeout(Duration::from_secs(10)).expect("woken");
        assert_eq!(job.poll(), Some(Err(Lost)));
        assert!(wakes.recv().is_err(), "woken twice");
    }

    #[test]
    fn a_named_thread_carries_its_name() {
        let handle = spawn_named("zhibu-test-name", || std::thread::current().name().map(str::to_owned)).unwrap();
        assert_eq!(handle.join().unwrap().as_deref(), Some("zhibu-test-name"));
        let job = Job::start("zhibu-test-job", || std::thread::current().name().map(str::to_owned));
        assert_eq!(job.wait().unwrap().as_deref(), Some("zhibu-test-job"));
    }
}
