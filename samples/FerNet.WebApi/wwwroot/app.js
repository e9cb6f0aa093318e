"use strict";

// Each emotion is drawn in the colour FerNet.Faces' FaceAnnotator uses, defined once in app.css.
const photoInput = document.getElementById("photo");
const cameraButton = document.getElementById("camera");
const snapButton = document.getElementById("snap");
const statusLine = document.getElementById("status");
const preview = document.getElementById("preview");
const result = document.getElementById("result");
const picture = document.getElementById("picture");
const boxes = document.getElementById("boxes");
const faces = document.getElementById("faces");

function percent(probability) {
  return (probability * 100).toFixed(1) + " %";
}

function showStatus(text, isError) {
  statusLine.textContent = text;
  statusLine.classList.toggle("error", Boolean(isError));
}

function drawFaces(analysis) {
  boxes.replaceChildren();
  faces.replaceChildren();
  analysis.faces.forEach((face, index) => {
    const colour = `var(--${face.dominant_emotion})`;
    const region = face.region;

    // Boxes are placed in percent of the photo, so they follow the picture as the page is resized.
    const box = document.createElement("div");
    box.className = "box";
    box.dataset.face = String(index + 1);
    box.style.setProperty("--emotion", colour);
    box.style.left = `${(region.x / analysis.width) * 100}%`;
    box.style.top = `${(region.y / analysis.height) * 100}%`;
    box.style.width = `${(region.w / analysis.width) * 100}%`;
    box.style.height = `${(region.h / analysis.height) * 100}%`;
    if (region.y < 24) {
      box.classList.add("low");
    }
    const tag = document.createElement("span");
    tag.className = "tag";
    tag.textContent = `${index + 1} · ${face.dominant_emotion} ${percent(face.emotion[face.dominant_emotion])}`;
    box.append(tag);
    boxes.append(box);

    const card = document.createElement("article");
    card.className = "face-card";
    card.dataset.face = String(index + 1);
    card.style.setProperty("--emotion", colour);
    const title = document.createElement("h2");
    title.innerHTML = `Face ${index + 1}: <span class="dominant"></span>`;
    title.querySelector(".dominant").textContent = face.dominant_emotion;
    card.append(title);
    for (const [name, probability] of Object.entries(face.emotion)) {
      const bar = document.createElement("div");
      bar.className = "bar" + (name === face.dominant_emotion ? " top" : "");
      bar.dataset.emotion = name;
      bar.dataset.probability = String(probability);
      bar.style.setProperty("--emotion", `var(--${name})`);
      bar.innerHTML = `<span class="name"></span><span class="track"><span class="fill"></span></span><span class="value"></span>`;
      bar.querySelector(".name").textContent = name;
      bar.querySelector(".fill").style.width = `${probability * 100}%`;
      bar.querySelector(".fill").style.display = "block";
      bar.querySelector(".value").textContent = percent(probability);
      card.append(bar);
    }
    faces.append(card);
  });
}

async function analyze(blob) {
  showStatus("Finding faces…");
  picture.src = URL.createObjectURL(blob);
  const form = new FormData();
  form.append("image", blob, blob.name || "photo");
  let response;
  try {
    response = await fetch("/analyze", { method: "POST", body: form });
  } catch (error) {
    showStatus(`The service did not answer: ${error.message}`, true);
    return;
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    result.hidden = true;
    showStatus(body && body.detail ? body.detail : `The service answered ${response.status}.`, true);
    return;
  }
  await picture.decode().catch(() => undefined);
  result.hidden = false;
  drawFaces(body);
  const count = body.faces.length;
  showStatus(count === 0 ? "No face found in this photo." : `${count} face${count === 1 ? "" : "s"} found in ${body.width} × ${body.height} pixels.`);
  document.body.dataset.analysed = "true";
}

photoInput.addEventListener("change", () => {
  if (photoInput.files.length > 0) {
    analyze(photoInput.files[0]);
  }
});

// Browsers offer the camera only on secure origins (https or localhost).
if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
  cameraButton.hidden = false;
  cameraButton.addEventListener("click", async () => {
    try {
      preview.srcObject = await navigator.mediaDevices.getUserMedia({ video: true });
      preview.hidden = false;
      snapButton.hidden = false;
      await preview.play();
    } catch (error) {
      showStatus(`The camera is not available: ${error.message}`, true);
    }
  });
  snapButton.addEventListener("click", () => {
    const canvas = document.createElement("canvas");
    canvas.width = preview.videoWidth;
    canvas.height = preview.videoHeight;
    canvas.getContext("2d").drawImage(preview, 0, 0);
    canvas.toBlob((blob) => analyze(blob), "image/jpeg", 0.92);
  });
}
