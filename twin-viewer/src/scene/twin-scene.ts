import {
  AmbientLight,
  Color,
  DirectionalLight,
  HemisphereLight,
  PerspectiveCamera,
  Raycaster,
  Scene,
  Vector2,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';

/** An animation step: advances to `now` (ms) and returns true while it still needs frames. */
export type Animation = (now: number) => boolean;

const pointer = new Vector2();
/**
 * Frame rate while only ambient motion runs (beacon pulses, vehicle glides): smooth enough to read,
 * and a wall screen watching an idle district spends a fraction of a core instead of all of it.
 */
const AMBIENT_FPS = 15;

/**
 * Renderer, camera, orbit controls and a frame loop that runs only while something changes: camera
 * moves, data arrives, or an animation (pulse, vehicle glide, camera flight) asks for more frames.
 * An idle twin on a wall screen then costs no GPU at all.
 */
export class TwinScene {
  readonly scene = new Scene();
  readonly camera: PerspectiveCamera;
  readonly renderer: WebGLRenderer;
  readonly controls: OrbitControls;
  readonly raycaster = new Raycaster();
  /** Called after each rendered frame (labels follow the camera here). */
  onRendered: () => void = () => {};
  /** Frames rendered since start; tests wait on it instead of sleeping. */
  frames = 0;
  private readonly animations = new Set<Animation>();
  private readonly ambient = new Set<Animation>();
  private scheduled = false;
  private ambientTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly canvas: HTMLCanvasElement) {
    this.renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.scene.background = new Color(0x0d1520);
    this.camera = new PerspectiveCamera(45, 1, 1, 20_000);
    this.camera.position.set(0, 600, 900);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = true;
    // Keep the camera above ground: the twin is a map, not a model to look at from below.
    this.controls.maxPolarAngle = Math.PI * 0.48;
    this.controls.addEventListener('change', () => this.invalidate());
    this.scene.add(new HemisphereLight(0xdfe8f5, 0x223044, 1.4), new AmbientLight(0xffffff, 0.4));
    const sun = new DirectionalLight(0xffffff, 1.6);
    sun.position.set(400, 900, 300);
    this.scene.add(sun);
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize();
  }

  resize(): void {
    const width = this.canvas.clientWidth || 1;
    const height = this.canvas.clientHeight || 1;
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.invalidate();
  }

  /** Asks for one frame; cheap to call many times per event. */
  invalidate(): void {
    if (this.scheduled) return;
    if (this.ambientTimer !== null) {
      clearTimeout(this.ambientTimer);
      this.ambientTimer = null;
    }
    this.scheduled = true;
    requestAnimationFrame(this.frame);
  }

  /** Runs `animation` every frame until it returns false; `ambient` ones alone run at AMBIENT_FPS. */
  animate(animation: Animation, options: { ambient?: boolean } = {}): void {
    this.animations.add(animation);
    if (options.ambient) this.ambient.add(animation);
    this.invalidate();
  }

  private scheduleAmbient(): void {
    if (this.scheduled || this.ambientTimer !== null) return;
    this.ambientTimer = setTimeout(() => {
      this.ambientTimer = null;
      this.invalidate();
    }, 1000 / AMBIENT_FPS);
  }

  private readonly frame = (now: number): void => {
    this.scheduled = false;
    let urgent = this.controls.update();
    let ambient = false;
    for (const animation of this.animations) {
      if (!animation(now)) {
        this.animations.delete(animation);
        this.ambient.delete(animation);
      } else if (this.ambient.has(animation)) ambient = true;
      else urgent = true;
    }
    this.renderer.render(this.scene, this.camera);
    this.frames += 1;
    this.onRendered();
    if (urgent) this.invalidate();
    else if (ambient) this.scheduleAmbient();
  };

  /** Points the raycaster through a client-space pixel of the canvas. */
  aim(clientX: number, clientY: number): Raycaster {
    const rect = this.canvas.getBoundingClientRect();
    pointer.set(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    this.raycaster.setFromCamera(pointer, this.camera);
    return this.raycaster;
  }

  /** Renders `count` frames synchronously and returns ms per frame, for the benchmark. */
  measureFrames(count: number): number {
    const gl = this.renderer.getContext();
    const pixel = new Uint8Array(4);
    this.renderer.render(this.scene, this.camera);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      for (const animation of this.animations) animation(start + i * 16);
      this.renderer.render(this.scene, this.camera);
      // readPixels waits for the GPU, so the time covers drawing, not just command submission.
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    }
    return (performance.now() - start) / count;
  }

  dispose(): void {
    if (this.ambientTimer !== null) clearTimeout(this.ambientTimer);
    this.controls.dispose();
    this.renderer.dispose();
  }
}
