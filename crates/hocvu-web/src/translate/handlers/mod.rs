pub mod overview;
pub mod save_lesson;
pub mod show_lesson;
pub mod watch_state;
