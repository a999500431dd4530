pub mod card;
pub mod handout;
pub mod poster;
pub mod share_page;
pub mod short_course;
pub mod short_lesson;
