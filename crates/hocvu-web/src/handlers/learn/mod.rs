pub mod show_page;
pub mod submit_quiz;
