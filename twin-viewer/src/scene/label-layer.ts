import { Matrix4, Vector3 } from 'three';
import type { PerspectiveCamera } from 'three';

const scratch = new Vector3();
const lastView = new Matrix4();

/**
 * Building names as HTML over the canvas: the browser shapes Chinese text far better than a texture
 * atlas would, and labels cost no draw calls. Positions are refreshed only after the camera moved.
 */
export class LabelLayer {
  readonly element: HTMLDivElement;
  private readonly labels: HTMLSpanElement[] = [];
  private anchors = new Float32Array(0);
  private force = true;

  constructor(container: HTMLElement) {
    this.element = document.createElement('div');
    this.element.className = 'labels';
    container.append(this.element);
  }

  /** One label per anchor (scene x, y, z); replaces earlier labels. */
  setLabels(labels: readonly { text: string; x: number; y: number; z: number; code: string }[]): void {
    this.element.replaceChildren();
    this.labels.length = 0;
    this.anchors = new Float32Array(labels.length * 3);
    labels.forEach((label, i) => {
      const span = document.createElement('span');
      span.className = 'label';
      span.textContent = label.text;
      span.dataset.code = label.code;
      this.element.append(span);
      this.labels.push(span);
      this.anchors.set([label.x, label.y + 4, label.z], i * 3);
    });
    this.force = true;
  }

  setVisible(visible: boolean): void {
    this.element.hidden = !visible;
  }

  /** Moves labels to their anchors' screen positions; hides those behind the camera or too far to read. */
  update(camera: PerspectiveCamera, width: number, height: number, readableDistance: number): void {
    if (!this.force && lastView.equals(camera.matrixWorld)) return;
    this.force = false;
    lastView.copy(camera.matrixWorld);
    for (let i = 0; i < this.labels.length; i++) {
      const span = this.labels[i] as HTMLSpanElement;
      scratch.fromArray(this.anchors, i * 3);
      const far = scratch.distanceTo(camera.position) > readableDistance;
      scratch.project(camera);
      const off = far || scratch.z > 1 || Math.abs(scratch.x) > 1.1 || Math.abs(scratch.y) > 1.1;
      span.style.display = off ? 'none' : '';
      if (!off) {
        span.style.transform = `translate(${((scratch.x + 1) / 2) * width}px, ${((1 - scratch.y) / 2) * height}px) translate(-50%, -100%)`;
      }
    }
  }

  dispose(): void {
    this.element.remove();
  }
}
