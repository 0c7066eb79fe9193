// The desk's chime for a new urgent order: two short tones, made in the browser (no sound file to serve).
let context;
export function chime() {
  try {
    context ??= new AudioContext();
    [0, 0.18].forEach((start, i) => {
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.frequency.value = i === 0 ? 880 : 1175;
      gain.gain.setValueAtTime(0.15, context.currentTime + start);
      gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + start + 0.16);
      tone.connect(gain).connect(context.destination);
      tone.start(context.currentTime + start);
      tone.stop(context.currentTime + start + 0.17);
    });
  } catch {
    // Browsers refuse sound before the first user gesture; the highlight still shows.
  }
}
