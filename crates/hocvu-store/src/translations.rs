//! The translators' workspace: each text's review state, last saved file and people, so a
//! deployment serving prebuilt bundles keeps every translation (`hocvu i18n export` writes them
//! out) and a reviewer knows who wrote what. Audit-logged.

use crate::entities::translation_work;
use crate::{Store, StoreError, now_ms};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use translation_work::Model as Work;

/// The course id under which interface messages are kept.
pub const INTERFACE: &str = "_locales";

/// One save: the new state and text of an item in a locale, by `by`.
#[derive(Debug, Clone)]
pub struct Save<'a> {
    pub course_id: &'a str,
    pub item: &'a str,
    pub locale: &'a str,
    pub state: &'a str,
    pub body: &'a str,
    pub source: &'a str,
    pub translator: Option<i64>,
    pub reviewer: Option<i64>,
    pub comment: Option<&'a str>,
}

impl Store {
    pub async fn translation_work(
        &self,
        course_id: &str,
        item: &str,
        locale: &str,
    ) -> Result<Option<Work>, StoreError> {
        Ok(translation_work::Entity::find_by_id((
            course_id.to_string(),
            item.to_string(),
            locale.to_string(),
        ))
        .one(&self.db)
        .await?)
    }

    /// Every item of a locale (every locale with `None`), by course and item.
    pub async fn translation_works(&self, locale: Option<&str>) -> Result<Vec<Work>, StoreError> {
        let mut q = translation_work::Entity::find();
        if let Some(l) = locale {
            q = q.filter(translation_work::Column::Locale.eq(l));
        }
        Ok(q.order_by_asc(translation_work::Column::CourseId)
            .order_by_asc(translation_work::Column::Item)
            .order_by_asc(translation_work::Column::Locale)
            .all(&self.db)
            .await?)
    }

    /// Records a save (insert or replace); `action` (save, submit, accept, return) is audited.
    pub async fn save_translation(
        &self,
        save: Save<'_>,
        action: &str,
        by: Option<i64>,
    ) -> Result<(), StoreError> {
        let _turn = self.writer().await;
        let key = (
            save.course_id.to_string(),
            save.item.to_string(),
            save.locale.to_string(),
        );
        let exists = translation_work::Entity::find_by_id(key)
            .one(&self.db)
            .await?
            .is_some();
        let row = translation_work::ActiveModel {
            course_id: Set(save.course_id.to_string()),
            item: Set(save.item.to_string()),
            locale: Set(save.locale.to_string()),
            state: Set(save.state.to_string()),
            body: Set(save.body.to_string()),
            source: Set(save.source.to_string()),
            translator_id: Set(save.translator),
            reviewer_id: Set(save.reviewer),
            comment: Set(save.comment.map(str::to_string)),
            updated_at: Set(now_ms()),
        };
        if exists {
            row.update(&self.db).await?;
        } else {
            row.insert(&self.db).await?;
        }
        self.audit(
            &self.db,
            by,
            &format!("translation.{action}"),
            &format!("{}/{} {}", save.course_id, save.item, save.locale),
            save.state,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::stores;

    #[tokio::test]
    async fn a_save_replaces_the_last_one() {
        for (store, _dir) in stores().await {
            let mut save = Save {
                course_id: "vneid",
                item: "01-a",
                locale: "rad",
                state: "draft",
                body: "+++\n+++\n",
                source: "vi",
                translator: Some(1),
                reviewer: None,
                comment: None,
            };
            store
                .save_translation(save.clone(), "save", Some(1))
                .await
                .unwrap();
            save.state = "returned";
            save.comment = Some("again");
            store
                .save_translation(save, "return", Some(2))
                .await
                .unwrap();
            let w = store
                .translation_work("vneid", "01-a", "rad")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (w.state.as_str(), w.comment.as_deref()),
                ("returned", Some("again"))
            );
            assert_eq!(store.translation_works(Some("rad")).await.unwrap().len(), 1);
            assert!(
                store
                    .translation_works(Some("jra"))
                    .await
                    .unwrap()
                    .is_empty()
            );
        }
    }
}
