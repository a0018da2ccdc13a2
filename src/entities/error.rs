//! The error type of the entities stage: a small struct with a kind and a message that
//! says what was wrong (file, section, value seen). Depends on nothing.

use std::fmt;

/// What went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityErrorKind {
    /// A file could not be read or written.
    Io,
    /// Input data (CoNLL, JSON, XML) was not in the expected shape.
    BadData,
    /// A model or gazetteer artifact is corrupt or of another version.
    BadModel,
}

/// An error of the entities stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityError {
    kind: EntityErrorKind,
    message: String,
}

impl EntityError {
    /// A new error.
    pub fn new(kind: EntityErrorKind, message: impl Into<String>) -> EntityError {
        EntityError {
            kind,
            message: message.into(),
        }
    }

    /// A truncated-artifact error naming the section that ran out.
    pub fn truncated(section: &str) -> EntityError {
        EntityError::new(
            EntityErrorKind::BadModel,
            format!("artifact truncated while reading {section}; rebuild it with the entities-train / entities-gazetteer commands"),
        )
    }

    /// The kind.
    pub fn kind(&self) -> EntityErrorKind {
        self.kind
    }
}

impl fmt::Display for EntityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)
    }
}

impl std::error::Error for EntityError {}
