// Curator's chat page: one conversation session over /v1/sessions, its replies read as
// server-sent events from a POST (fetch and a stream reader; EventSource only does GET).
// Everything the server says is put in the page as text, never as HTML.
"use strict";

(() => {
  const log = document.getElementById("log");
  const composer = document.getElementById("composer");
  const input = document.getElementById("say");
  const send = document.getElementById("send");
  const stop = document.getElementById("stop");
  const status = document.getElementById("status");
  const keyForm = document.getElementById("keyform");
  const keyInput = document.getElementById("key");
  const restart = document.getElementById("restart");
  const hint = document.getElementById("hint");

  const stored = {
    get key() { return sessionStorage.getItem("curator.key") || ""; },
    set key(value) { sessionStorage.setItem("curator.key", value); },
    get session() { return sessionStorage.getItem("curator.session") || ""; },
    set session(value) { sessionStorage.setItem("curator.session", value); },
  };

  let sessionID = "";
  let busy = false;
  let aborter = null;
  /** The reply whose list the card buttons and "more" act on. */
  let current = null;

  // ---- small helpers -------------------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function say(text) { status.textContent = text; }

  function setBusy(value) {
    busy = value;
    document.body.classList.toggle("busy", value);
    // A disabled Send also stops Enter from submitting while an answer streams.
    send.disabled = value;
    send.hidden = value;
    stop.hidden = !value;
    for (const button of document.querySelectorAll(".reply.current button")) button.disabled = value;
    restart.disabled = value;
  }

  /** Waits for the user to give an API key in the key form. */
  function askForKey(message) {
    keyForm.hidden = false;
    keyForm.querySelector("label").textContent = message;
    keyInput.value = "";
    keyInput.focus();
    return new Promise((resolve) => {
      keyForm.onsubmit = (event) => {
        event.preventDefault();
        const key = keyInput.value.trim();
        if (!key) return;
        stored.key = key;
        keyForm.hidden = true;
        keyForm.onsubmit = null;
        input.focus();
        resolve();
      };
    });
  }

  /** A fetch with the API key; a 401 asks for the key and tries again. */
  async function api(path, options = {}) {
    for (;;) {
      const headers = Object.assign({}, options.headers || {});
      if (stored.key) headers["X-API-Key"] = stored.key;
      const response = await fetch(path, Object.assign({}, options, { headers }));
      if (response.status !== 401) return response;
      await askForKey(stored.key
        ? "That API key was not accepted. Try another one (it is kept in this tab only)."
        : "This server needs an API key. It is kept in this tab only and sent with each request.");
    }
  }

  /** The server's error message from a failed answer ({"error":{"code","message"}}). */
  async function failure(response) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body && body.error && body.error.message) message = body.error.message;
    } catch (_) { /* not JSON: keep the status line */ }
    const error = new Error(message);
    error.status = response.status;
    return error;
  }

  // ---- the session ---------------------------------------------------------------------

  async function newSession() {
    const response = await api("/v1/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: "{}",
    });
    if (!response.ok) throw await failure(response);
    const body = await response.json();
    sessionID = body.session_id;
    stored.session = sessionID;
    document.body.dataset.session = sessionID;
  }

  /** Keeps this tab's session after a reload when the server still has it. */
  async function openSession() {
    const previous = stored.session;
    if (previous) {
      const response = await api(`/v1/sessions/${encodeURIComponent(previous)}`);
      if (response.ok) {
        const state = await response.json();
        sessionID = previous;
        document.body.dataset.session = sessionID;
        const liked = (state.liked || []).length;
        if (state.turns > 0) {
          say(`Continuing this tab's conversation: ${state.turns} turn${state.turns === 1 ? "" : "s"} so far, ${liked} liked.`);
        }
        return;
      }
    }
    await newSession();
  }

  let opening = null;
  /** The session, opened once even when a turn is sent while the page is still opening it. */
  function ensureSession() {
    if (sessionID) return Promise.resolve();
    if (!opening) opening = openSession().finally(() => { opening = null; });
    return opening;
  }

  // ---- rendering a reply ---------------------------------------------------------------

  function showUserTurn(text) {
    const turn = element("div", "turn user");
    turn.append(element("p", "words", text));
    log.append(turn);
    turn.scrollIntoView({ block: "start", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  }

  /** A reply under construction: its parts are filled in as events arrive. */
  function startReply() {
    const reply = element("article", "reply");
    reply.setAttribute("aria-busy", "true");
    reply.setAttribute("aria-label", "Curator's answer");
    log.append(reply);
    return { node: reply, cards: new Map(), list: null, notes: null, done: false };
  }

  function notesOf(reply) {
    if (!reply.notes) {
      reply.notes = element("div", "notes");
      reply.node.append(reply.notes);
    }
    return reply.notes;
  }

  /** The title as people say it ("The Fugitive", not "Fugitive, The"), without the year. */
  function spokenTitle(item) {
    const shown = item.display_title || item.title;
    const year = item.year ? ` (${item.year})` : "";
    return year && shown.endsWith(year) ? shown.slice(0, -year.length) : shown;
  }

  function card(item) {
    const name = spokenTitle(item);
    const label = item.year ? `${name} (${item.year})` : name;
    const li = element("li", "card");
    li.dataset.position = item.position;
    li.dataset.id = item.id;
    const heading = element("h2", "title");
    heading.append(element("span", "position", `${item.position}.`), " ", element("span", "name", name));
    if (item.year) heading.append(" ", element("span", "year", `(${item.year})`));
    li.append(heading);
    if (item.genres && item.genres.length) li.append(element("p", "genres", item.genres.join(" · ")));
    const reason = element("p", "reason", item.reason || "");
    reason.dataset.state = "pending";
    li.append(reason);
    const actions = element("div", "actions");
    const like = element("button", "like", "Like");
    like.type = "button";
    like.setAttribute("aria-label", `Like ${label}`);
    like.addEventListener("click", () => act(`/like ${item.position}`, `Liked ${label}`, li, "liked"));
    const dislike = element("button", "dislike", "Not for me");
    dislike.type = "button";
    dislike.setAttribute("aria-label", `Dislike ${label}`);
    dislike.addEventListener("click", () => act(`/dislike ${item.position}`, `Not for me: ${label}`, li, "disliked"));
    actions.append(like, dislike);
    li.append(actions);
    return { node: li, reason };
  }

  /** Only the newest list can be acted on: older lists keep their cards, not their buttons. */
  function makeCurrent(reply) {
    if (current && current !== reply) {
      current.node.classList.remove("current");
      current.node.classList.add("past");
      for (const node of current.node.querySelectorAll(".actions, .list-actions")) node.remove();
    }
    current = reply;
    reply.node.classList.add("current");
  }

  const handlers = {
    understood(reply, data) {
      if (data.message) reply.node.append(element("p", "understood", data.message));
    },
    ranked(reply, data) {
      const items = data.items || [];
      if (reply.list) reply.list.remove();
      reply.cards.clear();
      if (!items.length) return;
      reply.list = element("ol", "cards");
      reply.list.setAttribute("aria-label", "Recommendations");
      for (const item of items) {
        const made = card(item);
        reply.cards.set(item.position, made);
        reply.list.append(made.node);
      }
      reply.node.append(reply.list);
      const more = element("div", "list-actions");
      const button = element("button", "more", "More like these");
      button.type = "button";
      button.addEventListener("click", () => act("/more", "More like these", null, null));
      more.append(button);
      reply.node.append(more);
      makeCurrent(reply);
      for (const b of reply.node.querySelectorAll("button")) b.disabled = busy;
    },
    explanation_delta(reply, data) {
      const made = reply.cards.get(data.position);
      if (!made) return;
      if (made.reason.dataset.state !== "streaming") {
        made.reason.textContent = "";
        made.reason.dataset.state = "streaming";
      }
      made.reason.append(data.text);
    },
    explanation(reply, data) {
      const made = reply.cards.get(data.position);
      if (!made) return;
      made.reason.textContent = data.text;
      made.reason.dataset.state = "final";
    },
    follow_up(reply, data) { reply.node.append(element("p", "followup", data.text)); },
    message(reply, data) { reply.node.append(element("p", "message", data.text)); },
    note(reply, data) { notesOf(reply).append(element("p", "note", data.text)); },
    fallback(reply, data) {
      const notice = element("p", "notice");
      notice.dataset.step = data.step;
      // "LLM step skipped (why): what happened instead", its lead phrase in bold.
      const message = (data.message || `${data.step} skipped`).replace(/^./, (c) => c.toUpperCase());
      const cut = message.search(/ \(|: /);
      const lead = cut > 0 ? message.slice(0, cut) : message;
      notice.append(element("strong", null, lead), message.slice(lead.length));
      // Above the list it explains, where it is seen without scrolling.
      reply.node.insertBefore(notice, reply.list);
    },
    timings(reply, data) {
      const parts = [];
      if (typeof data.first_item === "number") parts.push(`list in ${data.first_item.toFixed(2)} s`);
      if (typeof data.total === "number") parts.push(`answer in ${data.total.toFixed(2)} s`);
      if (parts.length) reply.timings = parts.join(" · ");
    },
    done(reply) {
      reply.done = true;
      if (reply.timings) reply.node.append(element("p", "timings", reply.timings));
    },
    error(reply, data) {
      const node = element("p", "error", `Error: ${data.message || data.code || "the answer failed"}`);
      node.setAttribute("role", "alert");
      reply.node.append(node);
      reply.done = true;
    },
  };

  /** Reads server-sent events from a fetch response and hands each to `onEvent(name, data)`. */
  async function readEvents(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let pending = "";
    let name = "message";
    let data = [];
    const line = (text) => {
      if (text === "") {
        if (data.length) onEvent(name, data.join("\n"));
        name = "message";
        data = [];
      } else if (text.startsWith(":")) {
        // a comment (keep-alive)
      } else {
        const colon = text.indexOf(":");
        const field = colon < 0 ? text : text.slice(0, colon);
        let value = colon < 0 ? "" : text.slice(colon + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "event") name = value;
        else if (field === "data") data.push(value);
      }
    };
    for (;;) {
      const { value, done } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // Complete lines only; a lone "\r" at the end may be the first half of "\r\n".
      const lines = pending.split(/\r\n|\n|\r(?!$)/);
      pending = lines.pop();
      for (const text of lines) line(text);
      if (done) {
        if (pending) line(pending.replace(/\r$/, ""));
        line("");
        return;
      }
    }
  }

  /** Sends one turn (free text or a command) and renders its reply as it streams. */
  async function turn(text) {
    const reply = startReply();
    aborter = new AbortController();
    try {
      let response = await api(`/v1/sessions/${encodeURIComponent(sessionID)}/turns`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
        body: JSON.stringify({ text }),
        signal: aborter.signal,
      });
      if (response.status === 404) {
        // The session expired on the server: start a new one and send the turn there.
        await newSession();
        say("The earlier session had expired; this is a new one.");
        response = await api(`/v1/sessions/${encodeURIComponent(sessionID)}/turns`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
          body: JSON.stringify({ text }),
          signal: aborter.signal,
        });
      }
      if (!response.ok) throw await failure(response);
      await readEvents(response, (name, raw) => {
        const handler = handlers[name];
        if (!handler) return;
        let data = {};
        try { data = JSON.parse(raw); } catch (_) { return; }
        handler(reply, data);
      });
      if (!reply.done) handlers.error(reply, { message: "the answer stopped before it was finished" });
    } catch (error) {
      if (error.name === "AbortError") {
        reply.node.append(element("p", "note", "Stopped."));
      } else if (error instanceof TypeError) {
        // fetch rejects with a TypeError when the server cannot be reached at all.
        handlers.error(reply, { message: "the server cannot be reached (is curator serve still running?)" });
      } else {
        handlers.error(reply, { message: error.message });
      }
    } finally {
      aborter = null;
    }
    return reply;
  }

  /** Runs a turn with the page marked busy; only one turn at a time. */
  async function run(text, shown) {
    if (busy || !text) return;
    setBusy(true);
    say("");
    hint.hidden = true;
    showUserTurn(shown || text);
    let reply = null;
    try {
      await ensureSession();
      reply = await turn(text);
    } catch (error) {
      say(`Error: ${error.message}`);
    } finally {
      setBusy(false);
      if (reply) reply.node.setAttribute("aria-busy", "false");
      if (!document.activeElement || document.activeElement === document.body) input.focus();
    }
  }

  /** A card or list button: the command, what the conversation shows for it, and a mark on the card. */
  function act(command, shown, cardNode, mark) {
    if (busy) return;
    if (cardNode && mark) {
      cardNode.classList.add(mark);
      cardNode.append(element("p", "mark", mark === "liked" ? "You liked this" : "Not for you"));
    }
    run(command, shown);
  }

  // ---- wiring --------------------------------------------------------------------------

  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    run(text);
  });

  stop.addEventListener("click", () => {
    if (aborter) aborter.abort();
    input.focus();
  });

  restart.addEventListener("click", () => {
    log.replaceChildren();
    current = null;
    hint.hidden = false;
    run("/reset", "Start over");
  });

  ensureSession().catch((error) => say(`Could not start a session: ${error.message}`));
})();
