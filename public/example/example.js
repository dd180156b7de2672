// Example embedding page for Hyper-V Visualizer's postMessage API (see README.md next to it).
// No inline script: the page works under a strict Content-Security-Policy.

const params = new URLSearchParams(location.search);
// Where the app lives: ?app=<url>, default the folder above this one (dist/example → dist/).
const appBase = new URL(params.get('app') || '../', location.href);
const src = new URL(appBase.href);
src.search = new URLSearchParams({
  embed: '1',
  vms: '2',
  adapter: 'sriov',
  sriov: '0',
  traffic: 'udp-in',
  lang: params.get('lang') || 'en',
  // Only this page may drive the frame (the app ignores and counts messages from elsewhere).
  origins: location.origin,
}).toString();

const frame = /** @type {HTMLIFrameElement} */ (document.getElementById('hvv'));
const appOrigin = src.origin;
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const status = $('status');
const events = $('events');
const received = [];
let sriovOn = false;
let nextId = 1;

/** Send a command to the app, only to the app's origin. */
function send(command) {
  const message = { id: nextId++, ...command };
  frame.contentWindow?.postMessage(message, appOrigin);
  return message.id;
}

function show(data) {
  const li = document.createElement('li');
  li.textContent = JSON.stringify(data);
  events.prepend(li);
  while (events.children.length > 50) events.lastElementChild?.remove();
}

window.addEventListener('message', (e) => {
  // Accept events from our frame only.
  if (e.origin !== appOrigin || e.source !== frame.contentWindow) return;
  const data = e.data;
  if (!data || typeof data.type !== 'string' || !data.type.startsWith('hvv:')) return;
  received.push(data);
  show(data);
  if (data.type === 'hvv:ready') {
    status.textContent = 'ready';
    send({ type: 'hvv:getState' });
  } else if (data.type === 'hvv:state') {
    const s = data.state || {};
    if (typeof s.sriov === 'boolean') sriovOn = s.sriov;
    $('sriov').setAttribute('aria-pressed', String(sriovOn));
    if (Array.isArray(s.lessons)) fillLessons(s.lessons);
    status.textContent = `${s.playing ? 'playing' : 'paused'} · ${s.stats ? s.stats.delivered : 0} delivered · messages ignored: ${s.messages ? s.messages.malformed + s.messages.rejectedOrigin : 0}`;
  } else if (data.type === 'hvv:stepReached') {
    status.textContent = `lesson ${data.lesson}, step ${data.step} of ${data.steps}`;
  } else if (data.type === 'hvv:questionAnswered') {
    status.textContent = `question ${data.question}: ${data.correct ? 'right' : 'wrong'}`;
  }
});

function fillLessons(ids) {
  const select = /** @type {HTMLSelectElement} */ ($('lesson'));
  if (select.options.length === ids.length) return;
  const current = select.value;
  select.replaceChildren(...ids.map((id) => new Option(id, id)));
  select.value = ids.includes(current) ? current : ids[0];
}

$('play').addEventListener('click', () => send({ type: 'hvv:play' }));
$('pause').addEventListener('click', () => send({ type: 'hvv:pause' }));
$('step').addEventListener('click', () => send({ type: 'hvv:step' }));
$('sriov').addEventListener('click', () => {
  sriovOn = !sriovOn;
  $('sriov').setAttribute('aria-pressed', String(sriovOn));
  send({ type: 'hvv:configure', config: { sriov: sriovOn } });
});
$('goto').addEventListener('click', () => {
  const lesson = /** @type {HTMLSelectElement} */ ($('lesson')).value;
  const step = Number(/** @type {HTMLInputElement} */ ($('stepno')).value);
  send({ type: 'hvv:goToStep', lesson, step });
});
$('state').addEventListener('click', () => send({ type: 'hvv:getState' }));
$('malformed').addEventListener('click', () => {
  // Not in the schema: the app ignores it and counts it (see "messages ignored" after Get state).
  frame.contentWindow?.postMessage({ type: 'hvv:play', extra: 'not allowed' }, appOrigin);
  frame.contentWindow?.postMessage('hvv:play', appOrigin);
});

// Tests and the curious can read what arrived.
window.received = received;
window.sendToApp = send;

frame.src = src.href;
