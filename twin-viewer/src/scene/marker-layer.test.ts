import { BoxGeometry, MeshBasicMaterial, PerspectiveCamera, Raycaster, Scene, Vector2 } from 'three';
import { describe, expect, it } from 'vitest';
import { MarkerLayer } from './marker-layer.ts';

describe('instanced markers', () => {
  it('grows past its capacity keeping every marker, in the scene, as one mesh', () => {
    const scene = new Scene();
    const layer = new MarkerLayer(new BoxGeometry(1, 1, 1), new MeshBasicMaterial(), 4);
    scene.add(layer.mesh);
    layer.count = 3;
    for (let i = 0; i < 3; i++) layer.setAt(i, i * 10, 0, 0);
    layer.count = 1000;
    for (let i = 3; i < 1000; i++) layer.setAt(i, i * 10, 0, 0);
    layer.commit();
    expect(scene.children).toEqual([layer.mesh]);
    expect(layer.mesh.count).toBe(1000);
    expect(layer.mesh.instanceMatrix.array[12 + 16 * 2]).toBe(20);
    expect(layer.mesh.instanceMatrix.array[12 + 16 * 999]).toBe(9990);
  });

  it('reallocates only when it must: a steady live feed reuses the same buffers', () => {
    const layer = new MarkerLayer(new BoxGeometry(1, 1, 1), new MeshBasicMaterial(), 64);
    layer.count = 50;
    const buffer = layer.mesh.instanceMatrix.array;
    for (let round = 0; round < 100; round++) {
      layer.count = 40 + (round % 20);
      layer.setAt(0, round, 0, 0);
    }
    expect(layer.mesh.instanceMatrix.array).toBe(buffer);
  });

  it('picks the instance under the pointer', () => {
    const layer = new MarkerLayer(new BoxGeometry(2, 2, 2), new MeshBasicMaterial(), 8);
    layer.count = 3;
    layer.setAt(0, -10, 0, 0);
    layer.setAt(1, 0, 0, 0);
    layer.setAt(2, 10, 0, 0);
    layer.commit();
    layer.mesh.updateMatrixWorld();
    const camera = new PerspectiveCamera(50, 1, 0.1, 1000);
    camera.position.set(10, 0, 30);
    camera.lookAt(10, 0, 0);
    camera.updateMatrixWorld();
    const ray = new Raycaster();
    ray.setFromCamera(new Vector2(0, 0), camera);
    expect(layer.pick(ray).index).toBe(2);
    ray.setFromCamera(new Vector2(0.9, 0.9), camera);
    expect(layer.pick(ray).index).toBe(-1);
  });
});
