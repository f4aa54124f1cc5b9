import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

defineNotificationTemplates({
  'facility.approved': (p) => ({
    zh: { title: '共享设施已通过审核', body: `“${s(p, 'name')}”已通过审核并在共享设施目录中公开。` },
    en: { title: 'Facility approved', body: `“${s(p, 'name')}” was approved and is listed in the shared facilities directory.` },
  }),
  'facility.returned': (p) => ({
    zh: { title: '共享设施被退回', body: `“${s(p, 'name')}”被退回修改：${s(p, 'note')}` },
    en: { title: 'Facility returned', body: `“${s(p, 'name')}” was returned for changes: ${s(p, 'note')}` },
  }),
  'booking.requested': (p) => ({
    zh: { title: '新的预约申请', body: `${s(p, 'requester')}申请预约“${s(p, 'name')}”（${s(p, 'slot')}），请确认或拒绝。` },
    en: { title: 'New booking request', body: `${s(p, 'requester')} asks to book “${s(p, 'name')}” (${s(p, 'slot')}). Please confirm or decline.` },
  }),
  'booking.confirmed': (p) => ({
    zh: { title: '预约已确认', body: `您对“${s(p, 'name')}”的预约（${s(p, 'slot')}）已确认。` },
    en: { title: 'Booking confirmed', body: `Your booking of “${s(p, 'name')}” (${s(p, 'slot')}) is confirmed.` },
  }),
  'booking.declined': (p) => ({
    zh: { title: '预约未获确认', body: `您对“${s(p, 'name')}”的预约（${s(p, 'slot')}）未获确认：${s(p, 'note')}` },
    en: { title: 'Booking declined', body: `Your booking of “${s(p, 'name')}” (${s(p, 'slot')}) was declined: ${s(p, 'note')}` },
  }),
  'booking.cancelled': (p) => ({
    zh: { title: '预约已取消', body: `“${s(p, 'name')}”的预约（${s(p, 'slot')}）已取消。` },
    en: { title: 'Booking cancelled', body: `The booking of “${s(p, 'name')}” (${s(p, 'slot')}) was cancelled.` },
  }),
});
