//! [`Shared`]: a part of the records that copies of the ledger share until
//! one of them changes it.
//!
//! Every undo step keeps the ledger as it was, and every autosave hands a
//! copy to the saving thread. With plain fields each copy was the whole
//! ledger (megabytes at a few hundred members, a hundred undo steps deep).
//! A `Shared` part is an [`Arc`]: copying the ledger copies a pointer, and
//! the first change through [`DerefMut`] copies only that part
//! ([`Arc::make_mut`]), so an undo step costs the parts its edit touched.
//!
//! Code reads and writes a `Shared<T>` as it would a `T` (`ledger.members
//! .push(…)` works unchanged). Two `Shared` values that are the same
//! allocation ([`Shared::same`]) are certainly equal, which the store uses
//! to reuse the text of parts that did not change since the last save.
//!
//! In the file a `Shared<T>` is exactly a `T`.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A part of the records shared between copies of the ledger until changed.
#[derive(Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Self(Arc::new(value))
    }

    /// Whether the two are one and the same allocation: then they are
    /// equal without looking inside.
    pub fn same(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// The allocation, for a cache keyed by it.
    pub(crate) fn arc(&self) -> &Arc<T> {
        &self.0
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    /// Copies the part first if another copy of the ledger shares it.
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Self::same(self, other) || *self.0 == *other.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self::new)
    }
}

impl<T> FromIterator<T> for Shared<Vec<T>> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self::new(iter.into_iter().collect())
    }
}

impl<'a, T> IntoIterator for &'a Shared<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<Vec<T>> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        Arc::make_mut(&mut self.0).iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    #[test]
    fn a_change_copies_only_a_part_another_copy_shares() {
        let mut a = Shared::new(vec![1, 2, 3]);
        let b = a.clone();
        assert!(Shared::same(&a, &b));
        a.push(4);
        assert!(!Shared::same(&a, &b), "the change made its own copy");
        assert_eq!(*b, vec![1, 2, 3], "the other copy kept the old value");
        assert_eq!(*a, vec![1, 2, 3, 4]);
        let before = std::sync::Arc::as_ptr(a.arc());
        a.push(5);
        assert_eq!(
            std::sync::Arc::as_ptr(a.arc()),
            before,
            "not shared any more: changed in place"
        );
    }

    #[test]
    fn in_the_file_a_shared_part_is_the_plain_value() {
        let shared = Shared::new(vec!["甲".to_owned()]);
        let text = ron::to_string(&shared).expect("serialise");
        assert_eq!(text, ron::to_string(&vec!["甲".to_owned()]).expect("plain"));
        let back: Shared<Vec<String>> = ron::from_str(&text).expect("parse");
        assert_eq!(back, shared);
    }
}
