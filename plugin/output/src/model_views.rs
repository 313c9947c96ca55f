//! The response models as [`Model`]s, so that [`crate::output::Doc`] shows them in any format:
//! each model's own `sample`, `to_value`, `to_template_value` and `template_type`.

use gotmpl::Value as TValue;

use crate::gojson::Value;
use crate::model::{ApiKeyUserDetails, PaginatedApiApiUser};
use crate::output::Model;
use crate::template::Ty;

macro_rules! models {
    ($($model:ty),*) => {$(
        impl Model for $model {
            fn sample() -> Self {
                Self::sample()
            }
            fn json(&self) -> Value {
                self.to_value()
            }
            fn template(&self) -> TValue {
                self.to_template_value()
            }
            fn template_type() -> Ty {
                Self::template_type()
            }
        }
    )*};
}

models!(ApiKeyUserDetails, PaginatedApiApiUser);
