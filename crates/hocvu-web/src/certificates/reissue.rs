//! Certificates follow their holder's name: after a correction, each current certificate that
//! carries another name is re-issued with the new one — same course, version and completion
//! date, a new code and signature, new pictures (they are drawn from the stored row) — and the
//! old code is revoked as "name corrected", pointing to the new one on `/verify`.

use super::{ClaimError, Issuer};
use hocvu_store::Store;
use hocvu_store::certificates::{Certificate, Replaced};
use hocvu_store::entities::learners;

impl Issuer {
    /// Re-issues every current, unrevoked certificate of `holder` whose name is not their
    /// current one; returns the new certificates (none if all already match).
    pub async fn follow_name(
        &self,
        store: &Store,
        holder: &learners::Model,
    ) -> Result<Vec<Certificate>, ClaimError> {
        let Some(name) = holder.display_name.as_deref().filter(|_| !holder.is_guest) else {
            return Ok(Vec::new());
        };
        let mut issued = Vec::new();
        for old in store.certificates_of(holder.id).await? {
            if old.replaced_by.is_some() || old.revoked_at.is_some() || old.display_name == name {
                continue;
            }
            let template = Certificate {
                display_name: name.to_string(),
                ..old.clone()
            };
            for attempt in 0.. {
                match store
                    .replace_certificate(&old.code, self.signed(&template)?)
                    .await?
                {
                    Replaced::Now(new) => issued.push(*new),
                    Replaced::CodeTaken if attempt < 5 => continue,
                    Replaced::CodeTaken => {
                        return Err(ClaimError::Sign("no free certificate code".into()));
                    }
                    // Replaced or revoked meanwhile: nothing to do.
                    Replaced::NotCurrent => {}
                }
                break;
            }
        }
        Ok(issued)
    }
}

/// Whether the certificate page offers "re-issue with my current name": to its holder, while
/// it is current and carries another name.
pub fn offers_reissue(cert: &Certificate, asker: &learners::Model) -> bool {
    asker.id == cert.learner_id
        && cert.revoked_at.is_none()
        && cert.replaced_by.is_none()
        && asker
            .display_name
            .as_deref()
            .is_some_and(|n| n != cert.display_name)
}
