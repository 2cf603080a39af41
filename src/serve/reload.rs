//! Live reload by long polling: each open page asks "anything newer than
//! generation N?" and the server answers as soon as a build finishes (or
//! after 25 s, and the page asks again). Long polling fits tiny_http's
//! request/response model, needs no streaming writer (server-sent events
//! would, with explicit flushing), and a reconnect after a server restart is
//! just the next poll. A page reloads only when the site's content changed:
//! the build id is a hash of the site, the same across restarts.

use std::collections::BTreeMap;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::render::{Content, Site};

/// What the server currently serves, and the outcome of the latest build.
#[derive(Clone)]
pub struct Status {
    pub site: Arc<Site>,
    /// Counts build attempts, failed ones too: pollers wait for it to move.
    pub generation: u64,
    /// Identifies the content of `site`.
    pub build: String,
    /// The problems of the latest build, when it failed (the site is the last good one).
    pub error: Option<String>,
}

/// Files made on demand (JSON export, search index), for one build.
type Heavy = (String, Arc<BTreeMap<String, Content>>);

pub struct Live {
    status: Mutex<Status>,
    changed: Condvar,
    heavy: Mutex<Option<Heavy>>,
    /// Asks the builder, which holds the model, for the heavy files.
    builder: Mutex<Sender<super::Message>>,
}

impl Live {
    pub fn new(site: Arc<Site>, build: String, error: Option<String>, builder: Sender<super::Message>) -> Live {
        let status = Status { site, generation: 1, build, error };
        Live {
            status: Mutex::new(status),
            changed: Condvar::new(),
            heavy: Mutex::new(None),
            builder: Mutex::new(builder),
        }
    }

    /// The heavy files of the current build, made the first time one is asked for.
    pub fn heavy(&self, status: &Status) -> Arc<BTreeMap<String, Content>> {
        let mut slot = self.heavy.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((build, files)) = slot.as_ref()
            && *build == status.build
        {
            return files.clone();
        }
        let (reply, answer) = mpsc::channel();
        let sent = self.builder.lock().unwrap_or_else(|p| p.into_inner()).send(super::Message::Heavy(reply));
        let files = match sent {
            Ok(()) => answer.recv_timeout(Duration::from_secs(120)).unwrap_or_default(),
            Err(_) => Arc::default(),
        };
        *slot = Some((status.build.clone(), files.clone()));
        files
    }

    fn lock(&self) -> MutexGuard<'_, Status> {
        // A panicked holder leaves a consistent value: replacing it is all anyone does.
        self.status.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn current(&self) -> Status {
        self.lock().clone()
    }

    /// A successful build: serve it, clear the error, wake every poller.
    pub fn publish(&self, site: Arc<Site>, build: String) {
        let mut s = self.lock();
        s.site = site;
        s.build = build;
        s.error = None;
        s.generation += 1;
        self.changed.notify_all();
    }

    /// A failed build: keep serving the last good site, show the error.
    pub fn fail(&self, error: String) {
        let mut s = self.lock();
        s.error = Some(error);
        s.generation += 1;
        self.changed.notify_all();
    }

    /// Waits until the generation differs from `seen`, or the timeout passes.
    pub fn wait(&self, seen: u64, timeout: Duration) -> Status {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.generation == seen)
            .unwrap_or_else(|p| p.into_inner());
        guard.clone()
    }
}

/// The poll answer: `{"generation":3,"build":"…","error":null}`.
pub fn poll_json(s: &Status) -> String {
    let error =
        s.error.as_deref().map_or("null".to_string(), |e| serde_json::to_string(e).unwrap_or_else(|_| "\"\"".into()));
    format!("{{\"generation\":{},\"build\":\"{}\",\"error\":{error}}}", s.generation, s.build)
}

/// The tag added to every HTML page served: where to poll, and which build the page is.
pub fn script_tag(base: &str, build: &str) -> String {
    format!(
        "<script src=\"{base}{prefix}live.js\" data-poll=\"{base}{prefix}poll\" data-build=\"{build}\"></script>",
        prefix = super::http::PREFIX
    )
}

/// Adds the live-reload script to an HTML page, before `</body>`.
pub fn inject(html: &[u8], tag: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// A page for when there is no site to show yet (the first build failed).
pub fn placeholder(tag: &str) -> Vec<u8> {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>teambook: build failed</title></head>\
         <body><main><h1>The handbook does not build yet</h1><p>Fix the problems shown above; this page reloads by itself.</p></main>{tag}</body></html>"
    )
    .into_bytes()
}

pub const SCRIPT: &str = r#"// teambook serve: reload when the site changes, show build errors.
(function () {
  "use strict";
  var me = document.currentScript;
  var url = me.getAttribute("data-poll");
  var build = me.getAttribute("data-build");
  var generation = 0, delay = 500;
  function overlay(text) {
    var box = document.getElementById("teambook-build-error");
    if (!text) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "teambook-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0b0b;color:#ffdede;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;" +
        "border-top:4px solid #ff5c5c;box-shadow:0 -4px 24px rgba(0,0,0,.4)";
      var title = document.createElement("strong");
      title.textContent = "The handbook does not build. Showing the last good version.";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:.5rem 0 0";
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = text;
  }
  function poll() {
    fetch(url + "?generation=" + generation, { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (s) {
        delay = 500;
        if (s.build !== build) { window.location.reload(); return; }
        generation = s.generation;
        overlay(s.error);
        poll();
      })
      .catch(function () {
        // The server is gone (restarting?): try again, less and less often.
        setTimeout(poll, delay);
        delay = Math.min(delay * 2, 10000);
      });
  }
  poll();
})();
"#;
