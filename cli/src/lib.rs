//! The tools of the `yinyu` command that a research script does not need:
//! scoring against gold files (`eval`) and the HTML page (`render`). The
//! library, `yinyu`, holds the stages and the public API.
#![deny(missing_docs)]

pub mod eval;
pub mod render;
