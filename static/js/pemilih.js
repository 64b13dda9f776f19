// The recipient picker (templates/ppks/_pemilih.html): search in place instead of posting the
// whole form. The query goes in a POST body with the form's CSRF token, never in a URL, so a
// typed NIK stays out of logs and history. Without this script "Cari" posts the form back and
// the server lists the same results.
(function () {
  function buatCalon(kotak, nama, c, pilih) {
    var label = document.createElement("label");
    label.className = "pemilih-calon";
    var radio = document.createElement("input");
    radio.type = "radio";
    radio.name = nama;
    radio.value = c.pk;
    radio.checked = pilih;
    var isi = document.createElement("span");
    var kuat = document.createElement("strong");
    kuat.textContent = c.nama;
    isi.appendChild(kuat);
    if (!c.aktif) {
      var b = document.createElement("span");
      b.className = "badge warn";
      b.textContent = "belum terdaftar aktif";
      isi.appendChild(document.createTextNode(" "));
      isi.appendChild(b);
    }
    isi.appendChild(document.createElement("br"));
    var kecil = document.createElement("small");
    kecil.className = "muted";
    var rinci = [];
    if (c.nik) { rinci.push("NIK " + c.nik); }
    if (c.tanggal_lahir) { rinci.push("lahir " + c.tanggal_lahir); }
    rinci.push(c.desa, c.nomor_registrasi);
    kecil.textContent = rinci.join(" · ");
    isi.appendChild(kecil);
    label.appendChild(radio);
    label.appendChild(isi);
    kotak.appendChild(label);
  }

  document.querySelectorAll("[data-pemilih]").forEach(function (akar) {
    var form = akar.closest("form");
    var masukan = akar.querySelector("input[type=search], input[type=text]");
    var tombol = akar.querySelector("[data-pemilih-cari]");
    var hasil = akar.querySelector("[data-pemilih-hasil]");
    var kosong = akar.querySelector("[data-pemilih-kosong]");
    if (!form || !masukan || !hasil) { return; }
    var jeda = null;

    function cari() {
      var q = masukan.value.trim();
      if (q.length < 2) { return; }
      var data = new FormData();
      data.append("q", q);
      data.append("jenis", akar.dataset.jenis);
      var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(akar.dataset.url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: {"X-CSRFToken": csrf ? csrf.value : "", "Accept": "application/json"}
      })
        .then(function (r) { return r.json(); })
        .then(function (d) {
          hasil.querySelectorAll(".pemilih-calon").forEach(function (x) { x.remove(); });
          d.hasil.forEach(function (c) { buatCalon(hasil, akar.dataset.nama, c, d.hasil.length === 1); });
          hasil.hidden = d.hasil.length === 0;
          if (kosong) { kosong.remove(); kosong = null; }
          if (!d.hasil.length) {
            kosong = document.createElement("p");
            kosong.className = "help";
            kosong.textContent = "Tidak ada yang cocok di wilayah kerja Anda.";
            hasil.insertAdjacentElement("afterend", kosong);
          }
        })
        .catch(function () { /* the plain "Cari" submit still works */ });
    }

    if (tombol) {
      tombol.addEventListener("click", function (ev) { ev.preventDefault(); cari(); });
    }
    masukan.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); cari(); }
    });
    masukan.addEventListener("input", function () {
      clearTimeout(jeda);
      jeda = setTimeout(cari, 400);
    });
  });
})();
