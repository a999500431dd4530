//! The narrators' workspace: each recorded part's audio, review state and people, until a
//! reviewer accepts it into the content folder. Audit-logged.

use crate::entities::narration_work;
use crate::{Store, StoreError, now_ms};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

pub use narration_work::Model as Recording;

/// An uploaded recording of one part (`lesson` or `q1`, …) of a lesson in a locale.
#[derive(Debug, Clone)]
pub struct Upload<'a> {
    pub course_id: &'a str,
    pub item: &'a str,
    pub part: &'a str,
    pub locale: &'a str,
    pub audio: &'a [u8],
    pub extension: &'a str,
    pub duration_ms: u64,
    pub source_hash: &'a str,
    pub narrator: i64,
}

/// The part's state without its audio (for lists).
#[derive(Debug, Clone, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct RecordingState {
    pub course_id: String,
    pub item: String,
    pub part: String,
    pub locale: String,
    pub state: String,
    pub duration_ms: i64,
    pub narrator_id: Option<i64>,
    pub comment: Option<String>,
}

type Key = (String, String, String, String);

fn key(course: &str, item: &str, part: &str, locale: &str) -> Key {
    (course.into(), item.into(), part.into(), locale.into())
}

impl Store {
    pub async fn recording(
        &self,
        course: &str,
        item: &str,
        part: &str,
        locale: &str,
    ) -> Result<Option<Recording>, StoreError> {
        Ok(
            narration_work::Entity::find_by_id(key(course, item, part, locale))
                .one(&self.db)
                .await?,
        )
    }

    /// Every part recorded in a locale, without the audio, by course, lesson and part.
    pub async fn recordings(&self, locale: &str) -> Result<Vec<RecordingState>, StoreError> {
        use narration_work::Column as C;
        Ok(narration_work::Entity::find()
            .select_only()
            .columns([C::CourseId, C::Item, C::Part, C::Locale, C::State])
            .columns([C::DurationMs, C::NarratorId, C::Comment])
            .filter(C::Locale.eq(locale))
            .order_by_asc(C::CourseId)
            .order_by_asc(C::Item)
            .order_by_asc(C::Part)
            .into_model::<RecordingState>()
            .all(&self.db)
            .await?)
    }

    /// A new recording of a part replaces the last one, submitted for review.
    pub async fn submit_recording(&self, up: Upload<'_>) -> Result<(), StoreError> {
        let _turn = self.writer().await;
        let id = key(up.course_id, up.item, up.part, up.locale);
        let exists = narration_work::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .is_some();
        let row = narration_work::ActiveModel {
            course_id: Set(up.course_id.to_string()),
            item: Set(up.item.to_string()),
            part: Set(up.part.to_string()),
            locale: Set(up.locale.to_string()),
            state: Set("submitted".into()),
            audio: Set(up.audio.to_vec()),
            extension: Set(up.extension.to_string()),
            duration_ms: Set(up.duration_ms as i64),
            source_hash: Set(up.source_hash.to_string()),
            narrator_id: Set(Some(up.narrator)),
            reviewer_id: Set(None),
            comment: Set(None),
            updated_at: Set(now_ms()),
        };
        if exists {
            row.update(&self.db).await?;
        } else {
            row.insert(&self.db).await?;
        }
        self.audit(
            &self.db,
            Some(up.narrator),
            "narration.submit",
            &format!("{}/{}/{} {}", up.course_id, up.item, up.part, up.locale),
            &format!("{} ms", up.duration_ms),
        )
        .await
    }

    /// A reviewer's decision: `accepted` (the audio is no longer kept: it is in the content
    /// folder) or `returned` with a comment.
    pub async fn review_recording(
        &self,
        rec: &Recording,
        state: &str,
        comment: Option<&str>,
        reviewer: i64,
    ) -> Result<(), StoreError> {
        let _turn = self.writer().await;
        let mut row: narration_work::ActiveModel = rec.clone().into();
        row.state = Set(state.to_string());
        row.reviewer_id = Set(Some(reviewer));
        row.comment = Set(comment.map(str::to_string));
        if state == "accepted" {
            row.audio = Set(Vec::new());
        }
        row.updated_at = Set(now_ms());
        row.update(&self.db).await?;
        self.audit(
            &self.db,
            Some(reviewer),
            &format!("narration.{state}"),
            &format!("{}/{}/{} {}", rec.course_id, rec.item, rec.part, rec.locale),
            state,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::stores;

    #[tokio::test]
    async fn a_recording_is_submitted_replaced_and_reviewed() {
        for (store, _dir) in stores().await {
            let mut up = Upload {
                course_id: "vneid",
                item: "01-a",
                part: "lesson",
                locale: "rad",
                audio: b"OggS one",
                extension: "opus",
                duration_ms: 1200,
                source_hash: "abc",
                narrator: 1,
            };
            store.submit_recording(up.clone()).await.unwrap();
            up.audio = b"OggS two";
            store.submit_recording(up).await.unwrap();
            let rec = store
                .recording("vneid", "01-a", "lesson", "rad")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (rec.state.as_str(), &rec.audio[..]),
                ("submitted", &b"OggS two"[..])
            );
            store
                .review_recording(&rec, "returned", Some("louder"), 2)
                .await
                .unwrap();
            let list = store.recordings("rad").await.unwrap();
            assert_eq!(list.len(), 1);
            assert_eq!(
                (list[0].state.as_str(), list[0].comment.as_deref()),
                ("returned", Some("louder"))
            );
            assert!(store.recordings("jra").await.unwrap().is_empty());
        }
    }
}
