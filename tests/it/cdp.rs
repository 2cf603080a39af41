//! Just enough of the Chrome DevTools Protocol to drive headless chromium
//! from a test: open a page, evaluate JavaScript in it.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

pub struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next: u64,
    _profile: tempfile::TempDir,
    /// Events received so far (method and params), oldest first.
    pub events: Vec<serde_json::Value>,
}

impl Browser {
    /// Starts chromium on `url`; `None` (skip) when there is no chromium outside CI.
    pub fn open(url: &str) -> Option<Browser> {
        let chromium = crate::browser::chromium()?;
        let profile = tempfile::tempdir().expect("profile");
        let mut child = Command::new(chromium)
            .args(crate::browser::FLAGS)
            .args(["--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let endpoint = loop {
            let line = lines.next().expect("chromium output").expect("line");
            if let Some(url) = line.split("DevTools listening on ").nth(1) {
                break url.trim().to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        let port: u16 =
            endpoint.split(':').nth(2).and_then(|p| p.split('/').next()).and_then(|p| p.parse().ok()).expect("port");
        // The page's own target, once it is listed.
        let deadline = Instant::now() + Duration::from_secs(15);
        let page_ws = loop {
            let reply =
                crate::serve::request(port, &format!("GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"));
            let targets: serde_json::Value = serde_json::from_str(&reply.body).unwrap_or_default();
            let page = targets
                .as_array()
                .into_iter()
                .flatten()
                .find(|t| t["type"] == "page")
                .and_then(|t| t["webSocketDebuggerUrl"].as_str());
            if let Some(ws) = page {
                break ws.to_string();
            }
            assert!(Instant::now() < deadline, "no page target: {}", reply.body);
            std::thread::sleep(Duration::from_millis(50));
        };
        let (ws, _) = tungstenite::connect(page_ws.as_str()).expect("devtools websocket");
        Some(Browser { child, ws, next: 1, _profile: profile, events: Vec::new() })
    }

    /// Calls a DevTools method and returns its result; events that arrive
    /// meanwhile are kept in `events`.
    pub fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        let id = self.next;
        self.next += 1;
        let call = serde_json::json!({"id": id, "method": method, "params": params});
        self.ws.send(Message::text(call.to_string())).expect("send");
        loop {
            let msg = self.ws.read().expect("read");
            let Ok(text) = msg.to_text() else { continue };
            let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            if v["id"] == id {
                return v["result"].clone();
            }
            if v.get("method").is_some() {
                self.events.push(v);
            }
        }
    }

    /// Evaluates an expression in the page (awaiting a promise) and returns its value.
    pub fn eval(&mut self, expression: &str) -> serde_json::Value {
        let params = serde_json::json!({"expression": expression, "returnByValue": true, "awaitPromise": true});
        self.call("Runtime.evaluate", params)["result"]["value"].clone()
    }

    /// Loads `url` and waits for it to finish loading (bounded).
    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", serde_json::json!({ "url": url }));
        assert!(
            self.wait_for(
                &format!("location.href === {url:?} && document.readyState === 'complete'"),
                Duration::from_secs(15)
            ),
            "{url} did not load"
        );
    }

    /// Evaluates until the expression is true (bounded).
    pub fn wait_for(&mut self, expression: &str, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if self.eval(expression) == serde_json::Value::Bool(true) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
