//! What a screen works out from the records once per change, not once a
//! frame: a [`Cached`] value remembers the key it was worked out for —
//! typically the document's revision and the day, `(revision, today)` —
//! and is worked out again only when the key differs.
//!
//! The revision changes with every edit, undo and redo
//! ([`crate::edit::Document::revision`]), so a value keyed by it is never
//! stale; the day is in the key where the value depends on it (what is
//! overdue, a stage's checks). A screen that lends the value to a function
//! which also takes the screen's state keeps it behind an `Arc` and takes a
//! pointer copy ([`Cached::shared_or`]). No egui: a cache is plain data.

use std::sync::Arc;

/// A value worked out for a key, kept until the key changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached<K, V> {
    kept: Option<(K, V)>,
}

impl<K, V> Default for Cached<K, V> {
    fn default() -> Self {
        Self { kept: None }
    }
}

impl<K: PartialEq, V> Cached<K, V> {
    /// The value for `key`: the one kept when it was worked out for the
    /// same key, else `compute()`, which is kept in its place.
    pub fn get_or(&mut self, key: K, compute: impl FnOnce() -> V) -> &V {
        if !self.is_for(&key) {
            self.kept = None;
        }
        let (_, value) = self.kept.get_or_insert_with(|| (key, compute()));
        value
    }

    /// Whether the value kept was worked out for `key`.
    pub fn is_for(&self, key: &K) -> bool {
        self.kept.as_ref().is_some_and(|(kept, _)| kept == key)
    }

    /// Keeps `value`, worked out elsewhere (on a thread) for `key`.
    pub fn set(&mut self, key: K, value: V) {
        self.kept = Some((key, value));
    }

    /// The value last kept, whatever key it was for (shown while the one
    /// for the new key is being worked out).
    pub fn last(&self) -> Option<&V> {
        self.kept.as_ref().map(|(_, value)| value)
    }
}

impl<K: PartialEq, V> Cached<K, Arc<V>> {
    /// [`Cached::get_or`] for a value kept behind an `Arc`: a pointer copy
    /// of it, which leaves the state holding the cache free to be borrowed.
    pub fn shared_or(&mut self, key: K, compute: impl FnOnce() -> V) -> Arc<V> {
        Arc::clone(self.get_or(key, || Arc::new(compute())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_value_is_worked_out_once_per_key() {
        let runs = Cell::new(0);
        let mut cache: Cached<(u64, u32), String> = Cached::default();
        let mut work = |key: (u64, u32)| {
            cache
                .get_or(key, || {
                    runs.set(runs.get() + 1);
                    format!("{}-{}", key.0, key.1)
                })
                .clone()
        };
        assert_eq!(work((1, 5)), "1-5");
        assert_eq!(work((1, 5)), "1-5");
        assert_eq!(runs.get(), 1, "the same key works it out once");
        assert_eq!(work((2, 5)), "2-5");
        assert_eq!(work((2, 6)), "2-6");
        assert_eq!(runs.get(), 3, "each change of the key works it out again");
        assert_eq!(work((1, 5)), "1-5");
        assert_eq!(runs.get(), 4, "only the last key is kept");
    }

    #[test]
    fn a_shared_value_is_the_same_one_until_the_key_changes() {
        let mut shared: Cached<u64, Arc<Vec<u32>>> = Cached::default();
        let first = shared.shared_or(1, || vec![1, 2, 3]);
        let again = shared.shared_or(1, || vec![9]);
        assert!(Arc::ptr_eq(&first, &again), "not worked out again for the same key");
        let next = shared.shared_or(2, || vec![4]);
        assert_eq!(*next, vec![4]);
    }

    #[test]
    fn a_value_set_from_elsewhere_is_kept_for_its_key_and_shown_until_replaced() {
        let mut cache: Cached<u64, &str> = Cached::default();
        assert!(!cache.is_for(&1));
        assert_eq!(cache.last(), None);
        cache.set(1, "first");
        assert!(cache.is_for(&1));
        assert!(!cache.is_for(&2));
        assert_eq!(cache.last(), Some(&"first"), "still shown while key 2 is worked out");
        assert_eq!(*cache.get_or(1, || "never"), "first");
        assert_eq!(*cache.get_or(2, || "second"), "second");
        assert_eq!(cache.last(), Some(&"second"));
    }
}
