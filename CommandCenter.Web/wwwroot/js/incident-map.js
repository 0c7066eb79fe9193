// The wall's incident map: one Leaflet map per widget, updated incrementally (markers added, restyled, moved or removed by
// id; never rebuilt per event). No tiles by default: walls often sit on isolated networks, so the map shows the orders
// on a plain background fitted to the jurisdiction. Text goes into the DOM as text, never as HTML.
import * as L from '/lib/leaflet/leaflet-src.esm.js';

const colours = { Green: '#2ecc71', Yellow: '#f1c40f', Red: '#e74c3c', None: '#7f8c8d' };

export function create(element, dotnet, south, west, north, east) {
  const map = L.map(element, { zoomControl: false, attributionControl: false, preferCanvas: false });
  map.fitBounds([[south, west], [north, east]], { padding: [12, 12] });
  const layer = L.layerGroup().addTo(map);
  return { map, layer, markers: new Map(), messages: new Map(), dotnet };
}

export function update(state, upserted, removed) {
  for (const id of removed) {
    const marker = state.markers.get(id);
    if (marker) {
      state.layer.removeLayer(marker);
      state.markers.delete(id);
      state.messages.delete(id);
    }
  }

  for (const o of upserted) {
    let marker = state.markers.get(o.id);
    if (!marker) {
      marker = L.circleMarker([o.lat, o.lon], { radius: o.urgent ? 9 : 6, weight: 2 }).addTo(state.layer);
      marker.on('click', () => marker.openPopup());
      state.markers.set(o.id, marker);
    }

    marker.setLatLng([o.lat, o.lon]);
    marker.setStyle({ color: colours[o.light] ?? colours.None, fillColor: colours[o.light] ?? colours.None, fillOpacity: o.urgent ? 0.9 : 0.6 });
    marker.getElement?.()?.setAttribute('data-order', o.id);
    // An open popup keeps its place and shows the new state (and what the last dispatch said).
    if (marker.getPopup()) {
      marker.setPopupContent(popup(state, o));
    } else {
      marker.bindPopup(popup(state, o));
    }
  }
}

function popup(state, o) {
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

// The result line of the popup the marker shows now: the order's update (its new state) may have replaced the popup
// while the dispatch was under way, and a line written into the replaced one would never be seen.
function shown(state, id, fallback) {
  const content = state.markers.get(id)?.getPopup()?.getContent();
  return (content instanceof Element && content.querySelector('.map-dispatch-result')) || fallback;
}

export function dispose(state) {
  state.map.remove();
}
