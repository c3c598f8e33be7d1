/**
 * 照片 (up to 3, optional): take or choose photos of the problem; each is uploaded to cloud storage
 * at once (`uploadFile`, under `tickets/<the reporter's user id>/` — the one
 * convention of cloudfunctions/shared/photos.ts (not imported: the Taro build compiles only src/);
 * storage and the function accept only the caller's own folder) and shown as a thumbnail with a button to remove it. The form sends the
 * fileIDs. Choosing uses the system's own picker (camera or album), not a pop-up of the app's.
 */
import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { uploadFile } from '../../services/upload';
import { Button } from '../../ui/nutui';
import { TICKET_LIMITS } from '../../../cloudfunctions/ticket/limits';

export interface Photo {
  fileID: string;
  /** the local picture, to show before any URL comes back from the server */
  preview: string;
}

/** At most this many photos to a report (the server's limit, `cloudfunctions/ticket/limits.ts`). */
export const MAX_PHOTOS = TICKET_LIMITS.photos;

/** A name storage and the function accept: letters, digits, `_ . -`. */
const photoName = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.jpg`;

/**
 * `max`: at most this many (default {@link MAX_PHOTOS}, a report's); `label`: the field's words
 * (default 照片（可以不拍，最多 N 张）) — a meeting's photos or a paper tally's sheet use their own.
 */
export function PhotoPicker({ userId, photos, onChange, max = MAX_PHOTOS, label }: { userId: string; photos: Photo[]; onChange: (photos: Photo[]) => void; max?: number; label?: string }) {
  const [state, setState] = useState<{ state: 'idle' } | { state: 'uploading' } | { state: 'failed'; message: string }>({ state: 'idle' });
  const left = max - photos.length;

  const choose = async () => {
    if (state.state === 'uploading' || left <= 0) return;
    let paths: string[];
    try {
      const r = await Taro.chooseImage({ count: left, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
      paths = r.tempFilePaths.slice(0, left);
    } catch {
      return; // the person closed the picker
    }
    if (!paths.length) return;
    setState({ state: 'uploading' });
    const added: Photo[] = [];
    for (const p of paths) {
      const r = await uploadFile(p, `tickets/${userId}/${photoName()}`);
      if (!r.ok) {
        onChange([...photos, ...added]);
        setState({ state: 'failed', message: '照片没有传上去，请检查网络后再选一次' });
        return;
      }
      added.push({ fileID: r.fileID, preview: p });
    }
    onChange([...photos, ...added]);
    setState({ state: 'idle' });
  };

  return (
    <View className="photo-picker">
      <Text className="field-label">{label ?? `照片（可以不拍，最多 ${max} 张）`}</Text>
      {photos.length ? (
        <View className="photo-list">
          {photos.map((p, i) => (
            <View key={p.fileID} className="photo-item">
              <Image className="ticket-photo" src={p.preview} mode="aspectFill" aria-label={`第 ${i + 1} 张照片`} nativeProps={{ alt: `第 ${i + 1} 张照片` }} />
              <Button className="photo-remove" size="small" onClick={() => onChange(photos.filter((x) => x.fileID !== p.fileID))}>
                删掉
              </Button>
            </View>
          ))}
        </View>
      ) : null}
      {state.state === 'failed' ? (
        <Text className="notice" aria-live="assertive">
          {state.message}
        </Text>
      ) : null}
      {left > 0 ? (
        <View className="actions">
          <Button className="photo-add" size="large" block loading={state.state === 'uploading'} disabled={state.state === 'uploading'} onClick={choose}>
            {state.state === 'uploading' ? '正在上传照片…' : photos.length ? `再加一张（还能加 ${left} 张）` : '拍照或选照片'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** A ticket's photos (temporary URLs from the server). */
export function PhotoList({ urls }: { urls: string[] }) {
  if (!urls.length) return null;
  return (
    <View className="photo-list ticket-photos">
      {urls.map((u, i) => (
        <Image key={u} className="ticket-photo" src={u} mode="aspectFill" aria-label={`第 ${i + 1} 张照片`} nativeProps={{ alt: `第 ${i + 1} 张照片` }} onClick={() => Taro.previewImage({ urls, current: u })} />
      ))}
    </View>
  );
}
