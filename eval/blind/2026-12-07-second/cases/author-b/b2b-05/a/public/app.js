/* global mermaid */
(function () {
  "use strict";
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default" });

  const $ = (id) => document.getElementById(id);

  async function load(id) {
    if (!id) return;
    const res = await fetch("/api/diagrams/" + encodeURIComponent(id));
    if (!res.ok) {
      $("err").textContent = "Diagram " + id + " not found";
      return;
    }
    const d = await res.json();
    $("title").textContent = d.title || id;
    try {
      const { svg } = await mermaid.render("m" + Date.now(), d.source);
      $("diagram").innerHTML = svg;
      $("err").textContent = "";
    } catch (e) {
      $("err").textContent = String(e.message || e);
    }
  }

  window.addEventListener("hashchange", () => load(location.hash.slice(1)));
  load(location.hash.slice(1));

  // live reload when the assistant re-renders the same diagram
  const es = new EventSource("/api/events");
  es.onmessage = (ev) => {
    if (ev.data === location.hash.slice(1)) load(ev.data);
  };
})();
