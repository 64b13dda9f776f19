// The disbursement form (bansos:cairkan): show only the fields of the chosen mode — the
// kwitansi for cash, the transfer reference for non-cash. Without this script every group
// stays visible and the server checks the chosen mode's fields (aturan B6).
(function () {
  var mode = document.getElementById("id_mode");
  if (!mode) { return; }
  function tampil() {
    var tunai = mode.value === "tunai";
    document.querySelectorAll("[data-mode-grup]").forEach(function (g) {
      g.hidden = (g.dataset.modeGrup === "tunai") !== tunai;
    });
  }
  mode.addEventListener("change", tampil);
  tampil();
})();
