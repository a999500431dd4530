pub mod overview;
pub mod save_lesson;
pub mod save_message;
pub mod show_lesson;
pub mod show_strings;
pub mod watch_state;
