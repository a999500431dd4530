pub mod overview;
pub mod pending_audio;
pub mod review;
pub mod show_lesson;
pub mod upload;
