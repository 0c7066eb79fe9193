// The commander's map: one Leaflet map per widget with the jurisdiction's outlines and the live layers (orders, alarms, drones
// with their trails, cameras, grid members, crowd heat), each switchable, updated incrementally: items are added, moved,
// restyled or removed by id, never rebuilt per event. No tiles unless the site configures a tile server: walls often sit on
// isolated networks, so the outlines are drawn on a plain background. Text goes into the DOM as text, never as HTML.
//
// Leaflet's plugins (leaflet.markercluster, leaflet.heat) are classic scripts that extend a global `L`, and gcoord is a
// global too; they are loaded here once, in order, as same-origin script elements from /lib (the CSP's script-src 'self'),
// after Leaflet's own UMD build has defined `L`. This module then uses that one `L`.

const scripts = [
  '/lib/leaflet/leaflet.js',
  '/lib/leaflet.markercluster/leaflet.markercluster.js',
  '/lib/leaflet.heat/leaflet-heat.js',
  '/lib/gcoord/gcoord.global.prod.js',
];
let loading = null;

function load() {
  loading ??= scripts.reduce((previous, src) => previous.then(() => new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  })), Promise.resolve()).catch(error => { loading = null; throw error; });
  return loading;
}

const lights = { Green: '#2ecc71', Yellow: '#f1c40f', Red: '#e74c3c', None: '#7f8c8d' };
const names = { outlines: '辖区网格', crowd: '人流热力', cameras: '视频监控', members: '网格员', orders: '工单', alarms: '告警', drones: '无人机' };
const trailSpacingMs = 10_000;

export async function create(element, dotnet, setup) {
  await load();
  const L = window.L;
  const gcj = setup.tiles?.gcj02 === true;
  // Every position arrives in WGS-84; tiles drawn in GCJ-02 (Chinese online maps) need the positions shifted to match.
  const at = gcj
    ? (lat, lon) => { const [x, y] = window.gcoord.transform([lon, lat], window.gcoord.WGS84, window.gcoord.GCJ02); return [y, x]; }
    : (lat, lon) => [lat, lon];
  // Quarter zoom steps, so a jurisdiction fills its cell rather than the nearest power of two below it.
  const map = L.map(element, { zoomControl: false, attributionControl: false, maxZoom: setup.tiles?.maxZoom ?? 19, zoomSnap: 0.25, zoomDelta: 0.5 });
  if (setup.tiles) {
    L.tileLayer(setup.tiles.url, { maxZoom: setup.tiles.maxZoom, className: 'map-tiles' }).addTo(map);
  }

  const [south, west, north, east] = setup.bounds;
  const frame = () => setup.view === 'centre' && setup.centre
    ? map.setView(at(setup.centre[0], setup.centre[1]), setup.zoom)
    : map.fitBounds([at(south, west), at(north, east)], { padding: [12, 12] });
  frame();
  // The widget's cell may still be settling when the map is made (fonts, the grid's layout): once its size changes, the map
  // takes the new size and frames the jurisdiction again, unless a person has moved it meanwhile.
  const view = { moved: false };
  map.on('mousedown touchstart wheel', () => { view.moved = true; });
  const resized = new ResizeObserver(() => { map.invalidateSize({ pan: false }); if (!view.moved) frame(); });
  resized.observe(element);

  const layers = {
    outlines: outlines(L, JSON.parse(setup.outlines), gcj),
    crowd: L.layerGroup(),
    cameras: L.layerGroup(),
    members: L.layerGroup(),
    orders: L.markerClusterGroup({ disableClusteringAtZoom: 17, showCoverageOnHover: false, chunkedLoading: true }),
    alarms: L.layerGroup(),
    drones: L.layerGroup(),
  };
  const overlays = {};
  for (const [key, layer] of Object.entries(layers)) {
    overlays[names[key]] = layer;
    if (setup.layers.includes(key)) {
      layer.addTo(map);
    }
  }

  L.control.layers(null, overlays, { collapsed: false, position: 'topright' }).addTo(map);
  const notice = L.control({ position: 'bottomleft' });
  notice.onAdd = () => { const box = L.DomUtil.create('div', 'map-notice'); box.hidden = true; return box; };
  notice.addTo(map);
  const legend = heatLegend(L);
  const state = {
    L, map, at, dotnet, layers, notice, legend, element, gridLabels: L.layerGroup(), resized, view,
    trailMs: setup.trailMinutes * 60_000,
    items: { orders: new Map(), alarms: new Map(), drones: new Map(), cameras: new Map(), members: new Map(), crowd: new Map() },
    messages: new Map(),
  };
  map.on('overlayadd overlayremove', () => showLegend(state));
  map.on('zoomend moveend overlayadd overlayremove', () => labelGrids(state));
  state.gridLabels.addTo(map);
  showLegend(state);
  // For probes and tests (and a later "show on the map" from a list): focus an order by id, opening its popup.
  element.commandMap = {
    focus: id => focus(state, id),
    // Where an order's marker is drawn, in the map's own coordinates (GCJ-02 when the tiles are).
    position: id => { const ll = state.items.orders.get(id)?.parts[0].getLatLng(); return ll ? [ll.lat, ll.lng] : null; },
  };
  element.dataset.ready = 'true';
  return state;
}

// Zooms until the order's marker stands out of its cluster, then opens its popup; false when the map does not hold it.
export function focus(state, id) {
  const marker = state.items.orders.get(id)?.parts[0];
  if (!marker) {
    return false;
  }

  if (!state.map.hasLayer(state.layers.orders)) {
    state.layers.orders.addTo(state.map);
  }

  state.view.moved = true; // a later resize keeps this view

  state.layers.orders.zoomToShowLayer(marker, () => marker.openPopup());
  return true;
}

export function update(state, frame) {
  apply(state, 'orders', frame.orders, order);
  apply(state, 'alarms', frame.alarms, alarm);
  apply(state, 'drones', frame.drones, drone);
  apply(state, 'cameras', frame.cameras, camera);
  apply(state, 'members', frame.members, member);
  apply(state, 'crowd', frame.crowd, crowd);
  const box = state.notice.getContainer();
  box.textContent = frame.notice ?? '';
  box.hidden = !frame.notice;
  for (const [key, items] of Object.entries(state.items)) {
    state.element.dataset[key] = items.size;
  }
}

export function dispose(state) {
  state.resized.disconnect();
  state.map.remove();
}

// Removes, then adds or updates, the items of one layer; `draw` makes or updates the item's Leaflet layer.
function apply(state, key, delta, draw) {
  if (!delta) {
    return;
  }

  const items = state.items[key];
  for (const id of delta.removed) {
    const item = items.get(id);
    if (item) {
      for (const layer of item.parts) {
        state.layers[key].removeLayer(layer);
      }

      items.delete(id);
    }
  }

  for (const value of delta.upserted) {
    const item = items.get(value.id);
    const drawn = draw(state, value, item);
    if (!item) {
      for (const layer of drawn.parts) {
        state.layers[key].addLayer(layer);
      }
    }

    items.set(value.id, drawn);
  }
}

function order(state, o, item) {
  const { L } = state;
  const colour = lights[o.light] ?? lights.None;
  const style = { radius: o.urgent ? 9 : 6, weight: 2, color: colour, fillColor: colour, fillOpacity: o.urgent ? 0.9 : 0.6, className: 'map-order' };
  let marker = item?.parts[0];
  if (!marker) {
    marker = L.circleMarker(state.at(o.lat, o.lon), style);
    // Out of a cluster the marker has an element of its own: it carries the order's id.
    marker.on('add', () => marker.getElement()?.setAttribute('data-order', o.id));
  } else {
    marker.setStyle(style);
    marker.setRadius(style.radius);
    const [lat, lon] = state.at(o.lat, o.lon);
    if (marker.getLatLng().lat !== lat || marker.getLatLng().lng !== lon) {
      // A clustered marker moves by leaving and re-entering its cluster group.
      state.layers.orders.removeLayer(marker);
      marker.setLatLng([lat, lon]);
      state.layers.orders.addLayer(marker);
    }
  }

  // An open popup keeps its place and shows the new state (and what the last dispatch said).
  if (marker.getPopup()) {
    marker.setPopupContent(orderPopup(state, o));
  } else {
    marker.bindPopup(orderPopup(state, o));
  }

  return { parts: [marker] };
}

function orderPopup(state, o) {
  const box = document.createElement('div');
  box.className = 'map-popup';
  box.setAttribute('data-order', o.id);
  const title = document.createElement('strong');
  title.textContent = o.title;
  const line = document.createElement('div');
  line.textContent = `${o.category} · ${o.state}`;
  box.append(title, line);
  const result = document.createElement('div');
  result.className = 'map-dispatch-result';
  result.textContent = state.messages.get(o.id) ?? '';
  if (o.canDispatch) {
    const button = document.createElement('button');
    button.className = 'map-dispatch';
    button.textContent = '派单';
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const said = await state.dotnet.invokeMethodAsync('DispatchFromMap', o.id);
        state.messages.set(o.id, said);
        shown(state, o.id, result).textContent = said;
      } catch {
        shown(state, o.id, result).textContent = '派单未成功,请重试';
        button.disabled = false;
      }
    });
    box.append(button);
  }

  box.append(result);
  return box;
}

// The result line of the popup the order shows now: its update (a new state) may have replaced the popup meanwhile.
function shown(state, id, fallback) {
  const marker = state.items.orders.get(id)?.parts[0];
  const content = marker?.getPopup()?.getContent();
  return content instanceof HTMLElement ? content.querySelector('.map-dispatch-result') ?? fallback : fallback;
}

function alarm(state, a, item) {
  const { L } = state;
  const look = `map-alarm sev-${a.severity}${a.critical && !a.acknowledged ? ' pulsing' : ''}${a.acknowledged ? ' acknowledged' : ''}`;
  const marker = item?.parts[0] ?? L.marker(state.at(a.lat, a.lon), { keyboard: false });
  if (item?.look !== look) {
    marker.setIcon(L.divIcon({ className: look, iconSize: [16, 16] }));
  }

  marker.setLatLng(state.at(a.lat, a.lon));
  const holder = item?.holder ?? { };
  holder.lines = () => ['告警', [a.text, `${a.severity}${a.acknowledged ? ' · 已确认' : ''}`]];
  details(marker, holder, item);
  return { parts: [marker], look, holder };
}

function drone(state, d, item) {
  const { L } = state;
  const position = state.at(d.lat, d.lon);
  // The trail: the history sent with a new drone (its last point is where the drone is now), then a point per 10 s of its own
  // positions, for the layout's minutes.
  const history = d.trail ?? [];
  const points = item?.points ?? history.map(([lat, lon], i) => ({ at: d.atMs - (history.length - 1 - i) * trailSpacingMs, latLng: state.at(lat, lon) }));
  if (points.length === 0 || d.atMs - points[points.length - 1].at >= trailSpacingMs) {
    points.push({ at: d.atMs, latLng: position });
  }

  while (points.length > 0 && d.atMs - points[0].at > state.trailMs) {
    points.shift();
  }

  const marker = item?.parts[0] ?? L.marker(position, { keyboard: false });
  marker.setLatLng(position);
  // The icon is made once per look (stale, low battery) and otherwise turned and relabelled in place: drones move every render.
  const look = `map-drone${d.stale ? ' stale' : ''}${d.lowBattery ? ' low-battery' : ''}`;
  const icon = marker.getElement();
  if (item?.look !== look || !icon) {
    marker.setIcon(L.divIcon({ className: look, html: droneIcon(d, points.length), iconSize: [28, 28] }));
  } else {
    const box = icon.querySelector('.drone-icon');
    box.dataset.trail = points.length;
    box.querySelector('.drone-arrow').style.transform = `rotate(${Math.round(d.heading)}deg)`;
    box.querySelector('.drone-battery').textContent = `${d.battery}%`;
  }

  const holder = item?.holder ?? { };
  holder.lines = () => [d.id, [d.mission, `电量 ${d.battery}%${d.lowBattery ? ' · 低电量' : ''}`, d.stale ? '信号中断' : '在线']];
  details(marker, holder, item);

  const trail = item?.parts[1] ?? L.polyline([], { className: 'drone-trail', weight: 2, color: '#00c2ff', opacity: 0.7, interactive: false });
  trail.setLatLngs([...points.map(p => p.latLng), position]);
  return { parts: [marker, trail], points, look, holder };
}

function droneIcon(d, trailPoints) {
  const box = document.createElement('div');
  box.className = 'drone-icon';
  box.dataset.drone = d.id;
  box.dataset.trail = trailPoints;
  const arrow = document.createElement('div');
  arrow.className = 'drone-arrow';
  arrow.style.transform = `rotate(${Math.round(d.heading)}deg)`;
  arrow.textContent = '▲';
  const label = document.createElement('span');
  label.className = 'drone-battery';
  label.textContent = `${d.battery}%`;
  box.append(arrow, label);
  return box;
}

function camera(state, c, item) {
  const { L } = state;
  const style = { radius: 4, weight: 1, color: c.online ? '#1abc9c' : '#95a5a6', fillColor: c.online ? '#1abc9c' : '#95a5a6', fillOpacity: 0.9, className: `map-camera${c.online ? '' : ' offline'}` };
  const marker = item?.parts[0] ?? L.circleMarker(state.at(c.lat, c.lon), style);
  marker.setStyle(style);
  marker.setLatLng(state.at(c.lat, c.lon));
  const holder = item?.holder ?? { };
  holder.lines = () => [c.name, [c.id, c.online ? '在线' : '离线']];
  details(marker, holder, item);
  return { parts: [marker], holder };
}

function member(state, m, item) {
  const { L } = state;
  const marker = item?.parts[0] ?? L.circleMarker(state.at(m.lat, m.lon), { radius: 3, weight: 1, color: '#3498db', fillColor: '#3498db', fillOpacity: 0.9, className: 'map-member' });
  marker.setLatLng(state.at(m.lat, m.lon));
  const holder = item?.holder ?? { lines: () => ['网格员', [m.id]] };
  details(marker, holder, item);
  return { parts: [marker], holder };
}

// A crowd frame as heat: each cell's density relative to the area's threshold (1 = at the threshold), at the cell's centre.
function crowd(state, c, item) {
  const { L } = state;
  const points = [];
  const dLat = (c.north - c.south) / c.rows;
  const dLon = (c.east - c.west) / c.columns;
  const area = c.cellSizeMeters * c.cellSizeMeters;
  for (let r = 0; r < c.rows; r++) {
    for (let k = 0; k < c.columns; k++) {
      const count = c.counts[r * c.columns + k];
      if (count > 0) {
        const [lat, lon] = state.at(c.south + (r + 0.5) * dLat, c.west + (k + 0.5) * dLon);
        points.push([lat, lon, Math.min(1.5, count / area / c.threshold)]);
      }
    }
  }

  const heat = item?.parts[0] ?? L.heatLayer([], { radius: 18, blur: 14, max: 1, minOpacity: 0.25, gradient: { 0.2: '#2c7bb6', 0.5: '#abd9e9', 0.75: '#fdae61', 1: '#d7191c' } });
  heat.setLatLngs(points);
  return { parts: [heat] };
}

function heatLegend(L) {
  const legend = L.control({ position: 'bottomright' });
  legend.onAdd = () => {
    const box = L.DomUtil.create('div', 'map-legend');
    const title = document.createElement('div');
    title.textContent = '人流密度(相对预警阈值)';
    const bar = document.createElement('div');
    bar.className = 'map-legend-bar';
    const scale = document.createElement('div');
    scale.className = 'map-legend-scale';
    for (const label of ['0', '0.5', '1 预警', '≥1.5']) {
      const span = document.createElement('span');
      span.textContent = label;
      scale.append(span);
    }

    box.append(title, bar, scale);
    return box;
  };
  return legend;
}

function showLegend(state) {
  if (state.map.hasLayer(state.layers.crowd)) {
    state.legend.addTo(state.map);
  } else {
    state.legend.remove();
  }
}

// Grid (and community) names appear once the map is close enough to read them, for those in view.
function labelGrids(state) {
  const { L, map } = state;
  state.gridLabels.clearLayers();
  if (map.getZoom() < 15 || !map.hasLayer(state.layers.outlines)) {
    return;
  }

  const view = map.getBounds();
  state.layers.outlines.eachLayer(layer => {
    if (layer.feature.properties.depth >= 2 && view.intersects(layer.getBounds())) {
      state.gridLabels.addLayer(L.tooltip({ permanent: true, direction: 'center', className: 'outline-label grid-label' })
        .setLatLng(layer.getBounds().getCenter())
        .setContent(text(layer.feature.properties.name)));
    }
  });
}

// The jurisdiction's outline thick, its children's with their names, grids thin (names when zoomed in, as tooltips).
function outlines(L, geojson, gcj) {
  const data = gcj ? window.gcoord.transform(geojson, window.gcoord.WGS84, window.gcoord.GCJ02) : geojson;
  return L.geoJSON(data, {
    interactive: false,
    style: f => ({
      className: `outline depth-${Math.min(f.properties.depth, 2)}`,
      color: f.properties.depth === 0 ? '#f5c542' : f.properties.depth === 1 ? '#7fb3ff' : '#3d5a80',
      weight: f.properties.depth === 0 ? 3 : f.properties.depth === 1 ? 2 : 0.6,
      fill: false,
    }),
    onEachFeature: (f, layer) => {
      if (f.properties.depth === 1) {
        layer.bindTooltip(text(f.properties.name), { permanent: true, direction: 'center', className: 'outline-label' });
      }
    },
  });
}

// Clicking an item opens its details: a title and lines, as text, built from the item's latest values when the popup opens
// (and refreshed while it is open), not on every update.
function details(layer, holder, item) {
  if (!item) {
    layer.bindPopup(() => detailsBox(holder));
  } else if (layer.isPopupOpen()) {
    layer.setPopupContent(detailsBox(holder));
  }
}

function detailsBox(holder) {
  const [title, lines] = holder.lines();
  const box = document.createElement('div');
  box.className = 'map-popup map-details';
  const head = document.createElement('strong');
  head.textContent = title;
  box.append(head);
  for (const line of lines) {
    const row = document.createElement('div');
    row.textContent = line;
    box.append(row);
  }

  return box;
}

// Tooltip content as a text node: Leaflet would read a string as HTML.
function text(value) {
  return document.createTextNode(value ?? '');
}
