//! Courses and records for other platforms: SCORM 1.2 packages (`scorm`) built from the bundles
//! as the site renders them, and xAPI statements (`xapi`) derived from stored progress.

pub mod sco_page;
pub mod scorm;
pub mod xapi;
