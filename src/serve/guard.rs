//! The limits tiny_http lacks, enforced in front of it. tiny_http reads a
//! request head of any size, waits forever for a slow or idle client, opens
//! a thread per connection without bound, and stops accepting for good at the
//! first failed `accept` (say, out of file descriptors). So the public socket
//! is ours: each connection gets a bounded time and size to send its request
//! head, which is checked and then relayed, as one request with `Connection:
//! close`, to tiny_http listening on a private loopback port; the answer is
//! copied back. Connections over the limit get a 503 at once, and a failed
//! `accept` is retried.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub struct Limits {
    /// Connections open at once; past this, 503 at once.
    pub connections: usize,
    /// Time a client has, from connecting, to send its request line and headers.
    pub head_time: Duration,
    /// Size of the request line and headers together.
    pub head_bytes: usize,
    /// Number of header lines.
    pub headers: usize,
    /// Time tiny_http has to answer (a live-reload poll waits up to 25 s), and a
    /// client to take each part of the answer.
    pub answer_time: Duration,
}

pub const LIMITS: Limits = Limits {
    connections: 1024,
    head_time: Duration::from_secs(10),
    head_bytes: 16 * 1024,
    headers: 100,
    answer_time: Duration::from_secs(60),
};

/// Headers that describe the connection or a body rather than the request:
/// the relay decides those itself (one request per connection, no body).
const HOP_BY_HOP: [&str; 8] =
    ["connection", "keep-alive", "content-length", "transfer-encoding", "expect", "upgrade", "te", "proxy-connection"];

/// Accepts on `public` for ever, relaying each connection's request to `backend`.
pub fn run(public: TcpListener, backend: SocketAddr, limits: &'static Limits) {
    let open = Arc::new(AtomicUsize::new(0));
    loop {
        let client = match public.accept() {
            Ok((client, _)) => client,
            Err(_) => {
                // Out of descriptors, or a connection reset before accept: wait, then go on.
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        if open.load(Ordering::Relaxed) >= limits.connections {
            refuse(client, 503, "Service Unavailable", "too many connections; try again\n");
            continue;
        }
        let slot = Slot::take(&open);
        // If the thread cannot start, the closure is dropped: the slot is
        // given back and the connection closed.
        let _ = std::thread::Builder::new().name("teambook-conn".into()).spawn(move || {
            let _slot = slot;
            relay(client, backend, limits);
        });
    }
}

/// One open connection, counted until dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Slot {
        open.fetch_add(1, Ordering::Relaxed);
        Slot(open.clone())
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

fn relay(mut client: TcpStream, backend: SocketAddr, limits: &Limits) {
    let head = match read_head(&mut client, limits) {
        Ok(Some(head)) => head,
        Ok(None) => return, // closed or reset before a whole head: nothing to answer
        Err((code, reason, body)) => return refuse(client, code, reason, body),
    };
    let request = match rewrite(&head, limits) {
        Ok(request) => request,
        Err((code, reason, body)) => return refuse(client, code, reason, body),
    };
    let Ok(mut upstream) = TcpStream::connect(backend) else {
        return refuse(client, 503, "Service Unavailable", "the server is starting or stopping\n");
    };
    let timeouts = upstream
        .set_read_timeout(Some(limits.answer_time))
        .and_then(|()| client.set_write_timeout(Some(limits.answer_time)));
    if timeouts.is_err() || upstream.write_all(&request).is_err() {
        return;
    }
    let _ = io::copy(&mut upstream, &mut client);
}

type Refusal = (u16, &'static str, &'static str);

/// Reads up to the blank line that ends a request head, within the size and
/// time limits. `Ok(None)`: the client went away first.
fn read_head(client: &mut TcpStream, limits: &Limits) -> Result<Option<Vec<u8>>, Refusal> {
    let deadline = Instant::now() + limits.head_time;
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || client.set_read_timeout(Some(left)).is_err() {
            return Err((408, "Request Timeout", "the request took too long to arrive\n"));
        }
        let n = match client.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => n,
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                return Err((408, "Request Timeout", "the request took too long to arrive\n"));
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Ok(None),
        };
        // Only the new bytes and the three before them can complete the end.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&chunk[..n]);
        if let Some(end) = head[from..].windows(4).position(|w| w == b"\r\n\r\n") {
            head.truncate(from + end + 4);
            if head.len() > limits.head_bytes {
                return Err((431, "Request Header Fields Too Large", "the request's headers are too large\n"));
            }
            return Ok(Some(head));
        }
        if head.len() > limits.head_bytes {
            return Err((431, "Request Header Fields Too Large", "the request's headers are too large\n"));
        }
    }
}

/// Checks a request head and rewrites it as one request without a body that
/// closes the connection. Anything tiny_http would mis-parse is refused here.
fn rewrite(head: &[u8], limits: &Limits) -> Result<Vec<u8>, Refusal> {
    const BAD: Refusal = (400, "Bad Request", "bad request\n");
    let text = std::str::from_utf8(head).ok().filter(|t| t.is_ascii()).ok_or(BAD)?;
    // Empty lines before the request line are allowed (RFC 9112, 2.2).
    let mut lines = text.trim_start_matches("\r\n").split("\r\n").take_while(|l| !l.is_empty());
    let request_line = lines.next().ok_or(BAD)?;
    let parts: Vec<&str> = request_line.split(' ').collect();
    let [method, target, version] = parts[..] else { return Err(BAD) };
    if method.is_empty() || !method.bytes().all(is_token) || target.is_empty() || target.bytes().any(|b| b < 0x21) {
        return Err(BAD);
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        let known = version.starts_with("HTTP/") && version[5..].bytes().all(|b| b.is_ascii_digit() || b == b'.');
        return Err(if known { (505, "HTTP Version Not Supported", "HTTP/1.1 only\n") } else { BAD });
    }
    let mut out = format!("{request_line}\r\n");
    for (count, line) in lines.enumerate() {
        if count >= limits.headers {
            return Err((431, "Request Header Fields Too Large", "the request has too many headers\n"));
        }
        let (name, _) = line.split_once(':').ok_or(BAD)?;
        if name.is_empty() || !name.bytes().all(is_token) || line.bytes().any(|b| b.is_ascii_control() && b != b'\t') {
            return Err(BAD);
        }
        if !HOP_BY_HOP.iter().any(|h| name.eq_ignore_ascii_case(h)) {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("Connection: close\r\n\r\n");
    Ok(out.into_bytes())
}

/// RFC 9110 token characters (method and header names).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn refuse(mut client: TcpStream, code: u16, reason: &str, body: &str) {
    let _ = client.set_write_timeout(Some(Duration::from_secs(5)));
    let response = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = client.write_all(response.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(head: &str) -> Result<String, u16> {
        rewrite(head.as_bytes(), &LIMITS).map(|b| String::from_utf8(b).expect("ascii")).map_err(|(code, ..)| code)
    }

    #[test]
    fn a_request_becomes_one_request_that_closes() {
        let out = check("GET /a HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\n");
        assert_eq!(out, Ok("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_string()));
        assert!(check("\r\nGET / HTTP/1.0\r\n\r\n").is_ok());
    }

    #[test]
    fn malformed_heads_are_refused() {
        for head in [
            "GET /a\r\n\r\n",
            "GET  /a HTTP/1.1\r\n\r\n",
            "GET /a b HTTP/1.1\r\n\r\n",
            "G(T /a HTTP/1.1\r\n\r\n",
            "GET /a HTTP/1.1\r\nNo colon here\r\n\r\n",
            "GET /a HTTP/1.1\r\n: empty name\r\n\r\n",
            "GET /a HTTP/1.1\r\nX: a\u{1}b\r\n\r\n",
            "GET /caf\u{e9} HTTP/1.1\r\n\r\n",
            "GET /a FTP/1.1\r\n\r\n",
        ] {
            assert_eq!(check(head), Err(400), "{head:?}");
        }
        assert_eq!(check("PRI * HTTP/2.0\r\n\r\n"), Err(505));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X: y\r\n".repeat(101));
        assert_eq!(check(&many), Err(431));
    }
}
