import { Vector3 } from 'three';
import type { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import type { PerspectiveCamera } from 'three';
import type { Animation } from './twin-scene.ts';

const fromPosition = new Vector3();
const fromTarget = new Vector3();
const toPosition = new Vector3();
const toTarget = new Vector3();
const offset = new Vector3();

/**
 * A camera flight to look at `target` from `distance` metres, keeping the current viewing direction so
 * the operator is not disoriented; eased over `durationMs`. Returns the animation to hand to the scene.
 */
export function flyTo(
  camera: PerspectiveCamera,
  controls: OrbitControls,
  target: Vector3,
  distance: number,
  startedAt: number,
  durationMs = 900,
): Animation {
  fromPosition.copy(camera.position);
  fromTarget.copy(controls.target);
  offset.copy(camera.position).sub(controls.target).normalize();
  if (offset.y < 0.35) offset.setY(0.6).normalize();
  toTarget.copy(target);
  toPosition.copy(target).addScaledVector(offset, distance);
  return (now) => {
    const t = Math.min(1, Math.max(0, (now - startedAt) / durationMs));
    const eased = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
    camera.position.lerpVectors(fromPosition, toPosition, eased);
    controls.target.lerpVectors(fromTarget, toTarget, eased);
    controls.update();
    return t < 1;
  };
}
